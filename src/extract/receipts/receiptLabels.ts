/**
 * The words receipts and Western invoices label their parts with, in the languages the receipt extractor reads
 * (English, German, Dutch, French, Spanish, Italian, Portuguese, Malay and Chinese). Labels only: no merchant,
 * street or city names, so that a receipt from a shop never seen reads the same as one from a shop seen often.
 */
import { editDistance } from '../text';

export const DATE_LABEL_STRONG =
  /invoice\s*date|date\s*of\s*(?:invoice|issue|purchase)|receipt\s*date|transaction\s*date|rechnungsdatum|belegdatum|factuur\s*datum|factuurdatum|date\s*de\s*(?:la\s*)?facture|fecha(?:\s*de\s*(?:la\s*)?factura)|data\s*(?:della\s*)?fattura|data\s*da\s*fatura|tarikh|开票日期|交易(?:日期|时间)|消费时间|销售日期|收银时间/i;
export const DATE_LABEL = /\bdate\b|\bdatum\b|\bfecha\b|\bdata\b|日期|时间/i;
export const DATE_EXCLUDED =
  /due|payable\s*by|f[äa]llig|zahlungsziel|vervaldatum|verval|[ée]ch[ée]ance|limite|vencimiento|scadenza|order\s*date|orderdatum|bestelldatum|commande|delivery|lieferdatum|leverdatum|livraison|billing\s*period|zeitraum|p[ée]riode|pr[ée]l[èe]vement|expir|valid\s*(?:until|till)|到期|截止|有效期/i;
export const DOCUMENT_WORD =
  /invoice|factuur|rechnung|facture|factura|fattura|fatura|receipt|quittung|kassenbon|re[çc]u|recibo|ricevuta|resit|发票|收据|小票|销售单|收银/i;
/** A line that is the document's title (TAX INVOICE, -RECEIPT-, Kassenbon): it ends a receipt's header. */
export const TITLE_LINE =
  /^[\s*\-=#(]*(?:(?:simplified\s*|official\s*|cash\s*|sales\s*)?(?:tax\s*)?(?:invoice|receipt|bill)(?:\s*\/\s*[a-z ]+)?|rechnung|quittung|kassenbon|kassenbeleg|factuur|kassabon|facture|ticket(?:\s*de\s*caisse)?|factura(?:\s*simplificada)?|ticket|scontrino|ricevuta|fatura|recibo|resit|发票|收据|购物小票|销售小票|收银小票)[\s*\-=#):]*$/i;

export const TOTAL_FINAL =
  /(?:total|amount)\s*(?:after\s*)?round(?:ed|ing)|round(?:ed|ing)\s*total|after\s*(?:round\w*|adj\w*)|net{1,2}\s*total|total\s*net{1,2}\b|(?:amount|total)\s*to\s*(?:be\s*)?paid|montant\s*arrondi|gerundet|afgerond|redondead/i;
export const TOTAL_STRONG =
  /grand\s*total|total\s*amount\s*due|amount\s*due|balance\s*due|total\s*due|total\s*to\s*pay|amount\s*payable|total\s*payable|total\s*amount|somme\s*(?:[àa]\s*)?payer|montant\s*(?:total\s*)?(?:[àa]\s*)?payer|net\s*(?:[àa]\s*)?payer|total\s*ttc|te\s*betalen|zu\s*zahlen|zahlbetrag|gesamtbetrag|rechnungsbetrag|endbetrag|importe\s*total|total\s*a\s*pagar|totale\s*(?:da\s*pagare|fattura|complessivo)|jumlah\s*besar|应付(?:金额)?|应收(?:金额)?|总计|价税合计/i;
// (a currency glued to it, SUMMEEUR, TOTALRM, still a total)
export const TOTAL = /\btotal(?:\b|(?=rm|eur|usd|chf|gbp))|\btotaal\b|\bgesamt\b|\bsumme(?:\b|(?=eur|chf))|\btotale\b|\bjumlah\b|合计|總計|总额|合計/i;
export const NOT_TOTAL =
  /sub\s*-?\s*tota|subtotaal|zwischensumme|sous-total|小计|\btax\b|\bvat\b|\bbtw\b|mwst|\btva\b|\biva\b|\bgst\b|\bsst\b|税额|cash|tendered|change|r[üu]ckgeld|wisselgeld|gegeben|rendu|找零|现金|实收|received|discount|korting|rabatt|remise|优惠|折扣|excl|exkl|\bohne\b|\bht\b|netto|untaxed|before\s*tax|不含税|\bqty\b|quantity|\bitems?\b|anzahl|aantal|件数|数量|savings|saved|\bpoints?\b/i;
export const INCLUSIVE = /incl|\bin[ce]l\b|inkl|inclusief|including|clusive|\bttc\b|含税|(?:with|w\/)\s*(?:gst|sst|vat|tax)/i;
/** "Total includes 6% GST 1.51", "GST @6% included in total": the tax within the total, not the total. */
export const TAX_NOTICE =
  /includ(?:es|ed)\s*(?:\d+(?:\.\d+)?\s*%\s*)?(?:gst|sst|vat|tax|mwst|tva|btw|iva)|(?:gst|sst|vat|tax|mwst|tva|btw|iva)\b.*includ(?:es|ed)\s*in/i;

/** What the customer handed over: cash, a card, a voucher. */
export const TENDER =
  /\bcash\b|tendered|\bpaid\b|payment|\bcredit\b|\bdebit\b|\bvisa\b|master\s*card|\bcard\b|e-?wallet|\bbar(?:geld)?\b|gegeben|esp[èe]ces|efectivo|contanti|dinheiro|contant|\bpin\b|tunai|现金|实收|收款/i;
export const CHANGE = /\bchanges?(?=\b|rm|\$)|r[üu]ckgeld|wisselgeld|terug|rendu|monnaie\s*rendue|cambio|vuelto|resto\b|troco|baki|找零|找赎/i;
/** A cash-rounding line: its amount is the adjustment (-0.02) or, on some tills, the rounded total itself. */
export const ROUNDING = /round|rnd\b|\badj(?:ustment)?\b|arrondi|rundung|afronding|redondeo|arrotondamento|pembundaran|抹零|舍入/i;

export const ITEM_HEADER_WORDS =
  /^(description|item|items|article|qty|quantity|price|amount|unit\s*price|artikel|omschrijving|aantal|prijs|bedrag|beschreibung|bezeichnung|menge|preis|betrag|einzelpreis|d[ée]signation|quantit[ée]|prix|montant|descripci[óo]n|cantidad|precio|importe|descrizione|quantit[àa]|prezzo|importo|product|title|商品(?:名称)?|品名|名称|数量|单价|金额|小计)$/i;

/** How many of `text`'s words are item-header words (Qty, Description, Menge, 单价 …): two make a header row. */
export function itemHeaderWords(text: string): number {
  return text.split(/\s+/).filter((w) => ITEM_HEADER_WORDS.test(w)).length;
}

/** "Sold by", or a one-word label with its colon (Shop: …), never the start of a slogan (Shop with confidence …). */
export const MERCHANT_LABEL =
  /^(?:sold\s*by\b\s*[:：]?|(?:seller|vendor|merchant(?:\s*name)?|store(?:\s*name)?|shop(?:\s*name)?|filiale|gesch[äa]ft|magasin|boutique|tienda|negozio|loja|verk[äa]ufer|verkoper|vendeur|commer[çc]ant|vendedor|venditore|商户(?:名称)?|商家|店名|门店|收款单位)\s*[:：])\s*/i;
/** "Owned by", "a division of": words before the company's own name on its line. */
export const OWNER_PREFIX = /^(?:owne[rd]\s*by|operated\s*by|a\s*(?:division|member)\s*of|managed\s*by|betrieben\s*von|exploit[ée]\s*par)\s*[:：]?\s*/i;
export const LEGAL_FORM =
  /\b(?:inc|llc|ltd|limited|gmbh|ag|b\.\s?v|n\.\s?v|s\.a\.s|sas|s\.a|sa|s\.r\.l|srl|sarl|s\.l|plc|corp|corporation|co\.|kg|oy|ab|as|pte|pty|pvt|bhd|berhad|s\/b|sdn\.?|sendirian|tbk|spa|s\.p\.a|e\.k|ohg|ug)\b\.?|sdn\.?\s*bhd|有限公司|商行|超市|便利店|商店|餐厅|酒店|药房|书店/i;
/** Words a trading name ends with where the company has no legal form printed (YONG CEN ENTERPRISE). */
export const BUSINESS_WORD =
  /\b(?:enterprises?|trading|traders?|restaurants?|restoran|caf[eé]|coffee|bakery|bakeries|bistro|bar|grill|kitchen|hardware|electrical|mart|market|supermarket|minimarket|store|stores|shop|boutique|pharmacy|farmacia|apotheke|pharmacie|stationery|stationer|florist|marketing|industries|perniagaan|syarikat|kedai|gedung|bäckerei|metzgerei|markt|laden|boulangerie|pâtisserie|épicerie|tabac|librairie|supermercado|tienda|panader[ií]a|ferreter[ií]a|negozio|panificio|mercearia|padaria)\b/i;
/** A company registration or tax number, with or without its label: (65351-M), Co. Reg. No: 1011128-T, ABN 12 …. */
export const REGISTRATION =
  /\(?\b\d[\dOSIl]{3,11}\s?-\s?[A-Z]\b\)?|\(\s*\d[\dOSIl]{4,11}[A-Z]\s*\)|\b(?:co(?:mpany)?\.?\s*(?:reg(?:istration)?\.?)?\s*no\b|co\.?\s*-?\s*reg|reg(?:istration)?\.?\s*no|roc\b|abn\b|acn\b|uen\b|siret|siren|rcs\b|hrb\b|kvk|ust-?id|steuer-?nr|nif\b|cif\b|p\.?\s*iva|partita\s*iva|gst\s*(?:reg|id)|sst\s*(?:reg|id)|tax\s*(?:reg|id)|vat\s*(?:reg|no|id)|tin\b|统一社会信用代码|税号)/i;
/** Lines of contact details, tax numbers and the like: never part of a name or an address. */
export const CONTACT =
  /\b(?:tel|telephone|telefon|telefono|t[ée]l[ée]phone|t[ée]l|phone|ph|hp|mobile|whatsapps?|fax|email|e-mail|web|website|www|http|gst|sst|vat|tva|ust|ust-?id\w*|steuer\w*|siret|siren|rcs|n°\s*tva|tax\s*(?:reg|id)|reg(?:istration)?\.?\s*no|co\.?\s*-?\s*reg|company\s*no|cashier|counter|invoice\s*no|receipt\s*no|bill\s*no|order\s*(?:no|id|number)|table)(?![a-z])|@|电话|手机|传真|网址|税号/i;
/** A customer's block heading: the lines under it are not the merchant's. */
export const CUSTOMER_BLOCK =
  /^(?:attn|bill\s*to|ship\s*to|sold\s*to|invoice\s*to|deliver(?:y)?\s*to|customer|client|kunde|klant|rechnungsadresse|lieferadresse|factuuradres|afleveradres|adresse\s*de\s*(?:facturation|livraison)|billing\s*address|shipping\s*address|购买方|客户)(?![\p{L}])(?!\s*(?:copy|service|care|hotline|feedback|receipt|no\b|number|kopie|exemplaire))/iu;
/** Lines that cannot be the merchant's name: greetings, slogans, notes about what a company used to be called. */
export const NOT_A_NAME =
  /welcome|thank|\bcopy\b|duplicate|\boriginal\b|kopie|exemplaire|visit|formerly|known\s*as|licensee|franchisee|member\s*of|goods\s*sold|not\s*returnable|exchange|refund|opening|hours|open\s*daily|willkommen|bienvenue|bienvenido|benvenuti|bedankt|danke|merci|gracias|grazie|obrigado|欢迎|谢谢|光临/i;

/** Rows that end the items: totals, subtotals and tax lines. */
export const ITEMS_END =
  /^\s*(?:sub\s*-?\s*total|subtotaal|zwischensumme|sous-total|小计|grand\s*total|total|totaal|gesamt|summe|amount\s*due|balance|tax\b|vat\b|btw\b|mwst|tva\b|iva\b|gst\b|sst\b|exclusief|rounding|合计|总计|应付|应收)/i;
export const ADDRESS_LABEL = /^(?:address|addr|adresse|adres|anschrift|direcci[óo]n|indirizzo|endere[çc]o|alamat|地址)\s*[:：.]?\s*/i;
/** Street and place words of the languages read: an address line has one of them, or a postcode, or a house number. */
export const STREET_WORD =
  /\b(?:st|street|ave|avenue|road|rd|blvd|boulevard|lane|ln|way|dr|drive|pl|place|ct|court|highway|hwy|suite|ste|unit|floor|flr|fl|level|lvl|block|blk|lot|no|building|bldg|plaza|mall|centre|center|square|sq|park|jalan|jln|lorong|lrg|taman|tmn|persiaran|lebuh|lebuhraya|kampung|kg|bandar|seksyen|section|kawasan|wisma|bangunan|menara|stra(?:ß|ss)e|str|weg|gasse|platz|allee|ring|laan|straat|plein|gracht|rue|bd|chemin|all[ée]e|quai|cours|calle|c\/|avenida|avda|plaza|paseo|carrer|via|viale|corso|piazza|rua|travessa|largo)\b\.?|\p{L}(?:stra(?:ß|ss)e|str\.|gasse|weg|allee|platz|ring|damm|ufer|markt|laan|straat|plein|gracht)(?![\p{L}])|[路街道巷弄]|号|区|市|省/iu;
export const POSTCODE = /(?<![\d-])(?:\d{5}|\d{4}\s?[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]-\d{4,5}|\d{6}|\d{4})(?![\d-])/;

/** `total` however recognition spelt it (Totai, Toral, lotal, TotaiAmount): a word one slip from it reads as Total. */
export function withTotalSpelt(text: string): string {
  return text.replace(/\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})/gu, (word) => {
    const lower = word.toLowerCase();
    return lower.length >= 4 && lower.length <= 6 && lower !== 'total' && editDistance(lower, 'total') === 1 ? 'Total ' : word;
  });
}
