import { findDates } from '../../src/extract/receipts/dates';
import { moneyIn } from '../../src/extract/receipts/money';

describe('dates as printed', () => {
  test.each([
    ['Invoice Date: August 3 , 2014', '2014-08-03'],
    ['Rechnungsdatum 7. Mai 2014', '2014-05-07'],
    ['Factuurdatum: 19 april 2014', '2014-04-19'],
    ['Facture n°562044387 du 02 Juillet 2015', '2015-07-02'],
    ['Fecha: 3 de marzo de 2024', '2024-03-03'],
    ['8-9-2022', '2022-09-08'],
    ['05.03.2024', '2024-03-05'],
    ['2024年11月20日', '2024-11-20'],
    ['日期：2024-11-2019:05', '2024-11-20'],
    ['10/20/2015', '2015-10-20'],
    ['03-Aug-2014', '2014-08-03'],
    ['31.02.2024', null],
    ['Total 1 278.61', null],
  ])('%s → %s', (text, iso) => {
    expect(findDates(text)[0]?.iso ?? null).toBe(iso);
  });

  test('slashes are month-first in a dollar document, day-first otherwise', () => {
    expect(findDates('11/03/2024', true)[0].iso).toBe('2024-11-03');
    expect(findDates('11/03/2024', false)[0].iso).toBe('2024-03-11');
    expect(findDates('25/03/2024', true)[0].iso).toBe('2024-03-25');
  });
});

describe('amounts as printed', () => {
  test.each([
    ['$4.11', [4.11]],
    ['€ 717,97', [717.97]],
    ['1.071,00 €', [1071]],
    ['1,234.56', [1234.56]],
    ['Total 1 278.61', [278.61]],
    ['278.61 14.50%', [278.61]],
    ['€ -9,32', [-9.32]],
    ['€ 12', [12]],
    ['3.441.812 Euros', []],
    ['21 %', []],
    ['Qty 3', []],
  ])('%s → %j', (text, values) => {
    expect(moneyIn(text).map((m) => m.value)).toEqual(values);
  });
});
