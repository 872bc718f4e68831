import type { TextLine } from '../../src/extract/text';
import { findDates } from '../../src/extract/receipts/dates';
import { findTotals } from '../../src/extract/receipts/receiptTotal';
import { findAddress, findMerchant } from '../../src/extract/receipts/receiptParty';
import { repairLetters } from '../../src/extract/receipts/misreads';
import { findItems } from '../../src/extract/receipts/receiptItems';
import { withTotalSpelt } from '../../src/extract/receipts/receiptLabels';
import { receipt } from '../../src/extract/receipts/receipt';

/**
 * A slip of lines top to bottom, one per row; `label|amount` puts the amount on the same row at the right edge,
 * as two lines (a label column and an amount column).
 */
function slip(rows: string[]): TextLine[] {
  const lines: TextLine[] = [];
  rows.forEach((row, i) => {
    const y = 40 + i * 30;
    const [left, right] = row.split('|');
    if (left) lines.push({ text: left.replace(/\s+/g, ''), raw: left, confidence: 1, page: 1, bbox: { x: 20, y, width: 10 * left.length, height: 22 } });
    if (right) lines.push({ text: right, raw: right, confidence: 1, page: 1, bbox: { x: 500, y, width: 10 * right.length, height: 22 } });
  });
  return lines;
}

describe('the total a receipt was paid with', () => {
  it('applies a rounding printed under an unrounded total', () => {
    expect(findTotals(slip(['Total (Incl GST):|41.52', 'Rounding Adj:|-0.02', 'VISA|41.50'])).total?.value).toBe(41.5);
    // an unsigned adjustment goes the way that lands on five sen
    expect(findTotals(slip(['TOTAL|26.11', 'Rounding Adj|0.01', 'CARD|26.10'])).total?.value).toBe(26.1);
  });

  it('takes the rounded total a rounding line itself prints', () => {
    expect(findTotals(slip(['Total Sales (Inclusive GST)|RM 42.33', 'Rounding|RM 42.35', 'CREDIT|RM 42.35'])).total?.value).toBe(42.35);
  });

  it('prefers the label whose amount the payment confirms, and reads one with its decimal point lost', () => {
    expect(findTotals(slip(['SUBTOTAL|28.11', 'ADD GST 6%|1.69', '|29.80', 'CASH|50.00', 'CHANGE|20.20'])).total?.value).toBe(29.8);
    expect(findTotals(slip(['Gran Toral 2930', 'Cash|RM30.30', 'Change|RM1.00'])).total?.value).toBe(29.3);
  });

  it('never takes the tax the total includes, or the amount tendered', () => {
    const t = findTotals(slip(['TAKEOUT TOTAL (INCL GST)|26.60', 'CASH TENDERED|100.00', 'CHANGE|73.40', 'TOTAL INCLUDES 6% GST|1.51']));
    expect([t.total?.value, t.paid]).toEqual([26.6, 26.6]);
  });

  it('reads total however recognition spelt it', () => {
    expect(withTotalSpelt('TotaiAmount')).toMatch(/^Total Amount/);
    expect(withTotalSpelt('lotal(Excluding GST):')).toMatch(/^Total/);
    expect(withTotalSpelt('Postal code Hotel')).toBe('Postal code Hotel');
  });
});

describe('dates on till receipts', () => {
  it("reads slashed dates month-first only for the US: a dollar receipt with Singapore's cues is day-first", async () => {
    const date = async (rows: string[]) => {
      const lines = slip(rows);
      const pages = [{ page: 1, width: 800, height: 800, rotation: 0, lines: lines.map((l) => ({ text: l.raw, confidence: 1, bbox: l.bbox, words: [] })) }];
      return (await receipt.extract({ pages, text: rows.join('\n') } as never)).fields.date;
    };
    expect(await date(['Harbor Cafe', 'Portland, OR 97201', 'Date: 05/03/2024', 'TOTAL|$12.50'])).toBe('2024-05-03');
    expect(await date(['Harbor Cafe Pte Ltd', 'Singapore 560123', 'GST Reg No: M2-1234567-8', 'Date: 05/03/2024', 'TOTAL|S$12.50'])).toBe('2024-03-05');
    expect(await date(['Harbor Cafe', 'Date: 05/03/2024', 'TOTAL|RM12.50'])).toBe('2024-03-05');
  });

  it('reads a date whose time lost its space, and not a product code', () => {
    expect(findDates('Date:25-03-201809:42:19AM').map((d) => d.iso)).toEqual(['2018-03-25']);
    expect(findDates('18/03/1815:17').map((d) => d.iso)).toEqual(['2018-03-18']);
    expect(findDates('AB03-04-06-5/40/160')).toEqual([]);
    expect(findDates('16 0CT 2025 12:06').map((d) => d.iso)).toEqual(['2025-10-16']);
    expect(findDates('DATE:13 NoV.202415:31').map((d) => d.iso)).toEqual(['2024-11-13']);
    expect(findDates('7 Oct201619:40:33').map((d) => d.iso)).toEqual(['2016-10-07']);
  });
});

describe('the merchant and its address from the header', () => {
  it('takes the business with a registration number, not the brand above it, and its address block', () => {
    const lines = slip([
      'Star Home',
      'Star Home Sunway Mall',
      'Bintang Retail Sdn Bhd (612345-D)',
      'Lot 2G-05&06,2nd Flr,Sunway Mall,',
      'No. 8 Jalan SS 3/12A,',
      'Bandar Utama,',
      '47400 Petaling Jaya',
      'TEL: 1300-11-2233',
      'TAX INVOICE',
    ]);
    const merchant = findMerchant(lines);
    expect(merchant?.value).toBe('Bintang Retail Sdn Bhd');
    expect(findAddress(lines, merchant?.line)?.value).toBe('Lot 2G-05&06,2nd Flr,Sunway Mall, No. 8 Jalan SS 3/12A, Bandar Utama, 47400 Petaling Jaya');
  });

  it('joins a name wrapped over two lines and passes the registration number to reach the address', () => {
    const lines = slip(['KIM HUAT HARDWARE', 'TRADING', '001234567-T', '21-3, Jalan PJU 7/3,', '47820, Petaling Jaya, Selangor', 'Tel:012-345 6789']);
    const merchant = findMerchant(lines);
    expect(merchant?.value).toBe('KIM HUAT HARDWARE TRADING');
    expect(findAddress(lines, merchant?.line)?.value).toBe('21-3, Jalan PJU 7/3, 47820, Petaling Jaya, Selangor');
  });

  it('ends the header at the title: a legal name under "Owned By" further down is not the shop', () => {
    const lines = slip([
      'WELCOME',
      'MAJU STATIONERY SHOP',
      'NO.12G&14G, JALAN MAWAR X',
      '40100 SHAH ALAM',
      'TAX INVOICE',
      'Owned By:',
      'MAJU SUPPLY SDN BHD (1123456-K)',
    ]);
    expect(findMerchant(lines)?.value).toBe('MAJU STATIONERY SHOP');
  });

  it('repairs a 0 or 1 read between letters, and nothing else', () => {
    expect(repairLetters('ROYAL CONFECTI0NERY Peta1ing SS21/39 U13 2L')).toBe('ROYAL CONFECTIONERY Petaling SS21/39 U13 2L');
  });
});

describe('items between the header and the totals', () => {
  it('passes over quantity lines and rules, joins a wrapped name, strips a glued quantity and a code, reads a trailing minus', () => {
    const lines = slip([
      'Date: 11/03/2024 14:32',
      '--------',
      'Premium Basmati Rice|37.80',
      'Long Grain',
      '  2 x 18.90',
      '3x Green Tea|4.50',
      '4006381333931 Butter|2.19',
      'Member Discount|1.00-',
      '========',
      'SUBTOTAL|43.49',
      'TOTAL|43.49',
    ]);
    const total = findTotals(lines).total;
    expect(findItems(lines, total?.line).map((i) => [i.name, i.amount])).toEqual([
      ['Premium Basmati Rice Long Grain', 37.8],
      ['Green Tea', 4.5],
      ['Butter', 2.19],
      ['Member Discount', -1],
    ]);
  });

  it('repairs what recognition swaps in a name where the context tells: 0range, 50OML, KOPI0, 3XWHITE BREAD, a rule read as 二', () => {
    const lines = slip([
      '6991150 0range Juice|6.47',
      'AIR MINERAL 50OML|14.29',
      'KOPI0|2.50',
      '3XWHITE BREAD|9.30',
      'Chicken Breast 二二二|33.01',
      'TOTAL|65.57',
    ]);
    expect(findItems(lines, findTotals(lines).total?.line).map((i) => i.name)).toEqual([
      'Orange Juice',
      'AIR MINERAL 500ML',
      'KOPIO',
      'WHITE BREAD',
      'Chicken Breast',
    ]);
  });
});
