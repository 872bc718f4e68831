/**
 * Dates as receipts and invoices print them, in the languages of the Western invoices we meet and in Chinese:
 * 2024-03-05, 2024年3月5日, 05.03.2024, 8-9-2022, 10/20/2015, 7. Mai 2014, 19 april 2014, 02 Juillet 2015,
 * August 3 , 2014, 03-Aug-2014. Day-first unless the numbers say otherwise or the document is in US dollars with
 * slashes (month-first, as the US writes them).
 */
export interface DateAt {
  iso: string;
  index: number;
  length: number;
}

const MONTHS: string[][] = [
  ['january', 'januar', 'januari', 'janvier', 'enero', 'gennaio', 'janeiro', 'jänner'],
  ['february', 'februar', 'februari', 'février', 'fevrier', 'febrero', 'febbraio', 'fevereiro'],
  ['march', 'märz', 'maerz', 'maart', 'mars', 'marzo', 'março', 'marco'],
  ['april', 'april', 'avril', 'abril', 'aprile'],
  ['may', 'mai', 'mei', 'mayo', 'maggio', 'maio'],
  ['june', 'juni', 'juin', 'junio', 'giugno', 'junho'],
  ['july', 'juli', 'juillet', 'julio', 'luglio', 'julho'],
  ['august', 'augustus', 'août', 'aout', 'agosto'],
  ['september', 'septembre', 'septiembre', 'settembre', 'setembro', 'sept'],
  ['october', 'oktober', 'octobre', 'octubre', 'ottobre', 'outubro'],
  ['november', 'novembre', 'noviembre', 'novembro'],
  ['december', 'dezember', 'décembre', 'decembre', 'diciembre', 'dicembre', 'dezembro'],
];

/** Month by full name, or by a three-letter abbreviation that means one month in every language listed. */
const MONTH_BY_NAME = (() => {
  const map = new Map<string, number>();
  const abbreviations = new Map<string, Set<number>>();
  MONTHS.forEach((names, i) => {
    for (const name of names) {
      map.set(name, i + 1);
      const short = name.slice(0, 3);
      abbreviations.set(short, (abbreviations.get(short) ?? new Set()).add(i + 1));
    }
  });
  for (const [short, months] of abbreviations) if (months.size === 1 && !map.has(short)) map.set(short, [...months][0]);
  return map;
})();

// a month's name, an O in it read as 0 (0CT) allowed
const NAME = '([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0]{2,9}|0[A-Za-z]{2})\\.?';

export function findDates(text: string, monthFirst = false): DateAt[] {
  const found: DateAt[] = [];
  const add = (m: RegExpMatchArray, iso: string | null) => {
    if (!iso) return;
    const index = m.index ?? 0;
    if (found.some((f) => index < f.index + f.length && f.index < index + m[0].length)) return;
    found.push({ iso, index, length: m[0].length });
  };
  // year first: 2024-03-05, 2024/3/5, 2024.03.05, 2024年3月5日
  // (a time may follow with its space lost in recognition: 2024-11-2019:05)
  for (const m of text.matchAll(/(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?!\d)|(?=\d{1,2}:\d{2}))/g))
    add(m, iso(+m[1], +m[2], +m[3]));
  // numeric day and month: 05.03.2024, 8-9-2022, 10/20/2015, 21.05.14
  // (a time may follow with its space lost, 25-03-201809:42; never a piece of a product code, AB03-04-06-5/40)
  for (const m of text.matchAll(
    /(?<![\p{L}\d.,])(\d{1,2})\s?([-/.])\s?(\d{1,2})\s?\2\s?(\d{4}(?=\d{1,2}:\d{2})|\d{4}(?![\d.,]\d|:\d)|\d{2}(?=\d{1,2}:\d{2})|\d{2}(?![\d.,]\d))(?!\s?[-/]\d)/gu,
  )) {
    const year = m[4].length === 2 ? 2000 + +m[4] : +m[4];
    let [day, month] = [+m[1], +m[3]];
    if (month > 12 || (monthFirst && m[2] === '/' && day <= 12)) [day, month] = [month, day];
    add(m, iso(year, month, day));
  }
  // day, month name, year: 7. Mai 2014, 19 april 2014, 03-Aug-2014, 3 de marzo de 2024
  for (const m of text.matchAll(new RegExp(`(?<!\\d)(\\d{1,2})\\.?[\\s-]*(?:de\\s+)?${NAME}[\\s,-]*(?:de\\s+)?(\\d{4})(?:(?!\\d)|(?=\\d{1,2}:\\d{2}))`, 'g')))
    add(m, named(m[2], +m[1], +m[3]));
  // month name, day, year: August 3 , 2014; Aug. 3, 2014
  for (const m of text.matchAll(new RegExp(`${NAME}\\s*(\\d{1,2})(?:st|nd|rd|th)?\\s*,?\\s*(\\d{4})(?:(?!\\d)|(?=\\d{1,2}:\\d{2}))`, 'g')))
    add(m, named(m[1], +m[2], +m[3]));
  return found.sort((a, b) => a.index - b.index);
}

/** The month a name or an unambiguous abbreviation means, in any of the languages listed. */
export function monthByName(name: string): number | undefined {
  return MONTH_BY_NAME.get(name.toLowerCase());
}

function named(name: string, day: number, year: number): string | null {
  const month = monthByName(name.replace(/0/g, 'o'));
  return month ? iso(year, month, day) : null;
}

function iso(year: number, month: number, day: number): string | null {
  if (year < 1950 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
