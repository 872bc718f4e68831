import type { Extraction, ExtractorDefinition } from '../registry';
import { textLines } from '../text';
import { luhn } from '../validators';

/**
 * Bank cards: the number (12–19 digits, printed in groups) found by its Luhn check, the expiry after VALID THRU
 * (or a lone MM/YY), and the cardholder as the line of capital letters near the bottom.
 */
export const bankCard: ExtractorDefinition = {
  type: 'bank-card',
  detect(doc) {
    const text = doc.text.toUpperCase();
    const number = findNumber(textLines(doc.pages).map((l) => ({ text: l.raw, confidence: l.confidence })));
    // a Luhn-valid run alone is weak evidence (one random number in ten passes): the card's wording and the
    // number's grouping in fours must back it
    const card = number && number.luhn && number.digits.length >= 15 ? 0.4 : 0;
    const grouped = /(?<!\d)\d{4} \d{4} \d{4} \d{1,7}(?!\d)/.test(doc.text) ? 0.2 : 0;
    return card + grouped + (/VALID|THRU|银联|UNIONPAY|VISA|MASTERCARD|DEBIT|CREDIT|借记卡|信用卡|储蓄卡/.test(text) ? 0.3 : 0);
  },
  extract(doc): Extraction {
    const lines = textLines(doc.pages).map((l) => ({ text: l.raw, confidence: l.confidence }));
    const fields: Record<string, string | null> = { cardNumber: null, validThru: null, cardholder: null };
    const fieldConfidence: Record<string, number> = {};
    const checks: Record<string, boolean> = {};
    const warnings: string[] = [];
    const number = findNumber(lines);
    if (number) {
      fields.cardNumber = number.digits;
      fieldConfidence.cardNumber = number.luhn ? 0.99 : number.confidence;
      checks.luhn = number.luhn;
      if (!number.luhn) warnings.push(`The card number ${number.digits} fails the Luhn check; check the reading.`);
    } else warnings.push('No card number could be read.');
    const expiry = lines.map((l) => ({ m: /(?<!\d)(0[1-9]|1[0-2])\s*\/\s*(\d{2})(?!\d)/.exec(l.text), c: l.confidence })).find((x) => x.m);
    if (expiry) {
      fields.validThru = `${expiry.m![1]}/${expiry.m![2]}`;
      fieldConfidence.validThru = expiry.c;
    }
    const holder = [...lines].reverse().find((l) => isCardholder(l.text.trim()) && !/VALID|THRU|DEBIT|CREDIT|VISA|MASTERCARD|UNIONPAY|BANK|CARD/i.test(l.text));
    if (holder) {
      fields.cardholder = holder.text.trim().toUpperCase();
      fieldConfidence.cardholder = holder.confidence;
    }
    return { fields, fieldConfidence, checks, warnings };
  },
};

/** The longest digit run of 12–19 digits (spaces between groups allowed), preferring one that passes Luhn. */
function findNumber(lines: Array<{ text: string; confidence: number }>): { digits: string; luhn: boolean; confidence: number } | null {
  const found: Array<{ digits: string; luhn: boolean; confidence: number }> = [];
  for (const l of lines) {
    for (const m of l.text.replace(/[Oo]/g, '0').matchAll(/\d[\d ]{10,24}\d/g)) {
      const digits = m[0].replace(/ /g, '');
      if (digits.length >= 12 && digits.length <= 19) found.push({ digits, luhn: luhn(digits), confidence: l.confidence });
    }
  }
  return found.sort((a, b) => Number(b.luhn) - Number(a.luhn) || b.digits.length - a.digits.length)[0] ?? null;
}

/**
 * A cardholder's name as cards print it: capital letters, spaces, dots, apostrophes and hyphens; one letter in
 * five may have been read in lower case (LUo HUAZI), since the name is all capitals on every card.
 */
function isCardholder(text: string): boolean {
  if (!/^[A-Za-z][A-Za-z .'-]{2,25}$/.test(text)) return false;
  const letters = text.replace(/[^A-Za-z]/g, '');
  return (letters.match(/[a-z]/g) ?? []).length * 5 <= letters.length;
}
