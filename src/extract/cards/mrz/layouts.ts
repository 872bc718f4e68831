/**
 * What each position of an MRZ may hold and which check digits cover it (ICAO 9303 parts 4–7: TD3 passports,
 * TD2 and TD1 cards, MRV-A and MRV-B visas, which have no composite check digit).
 */
export type Kind = 'alpha' | 'digit' | 'alnum' | 'sex' | 'check';

/** A run of positions: line, first position, end (exclusive). */
export type Span = [line: number, start: number, end: number];

export interface CheckGroup {
  data: Span[];
  check: [line: number, position: number];
}

export interface MrzLayout {
  name: 'TD1' | 'TD2' | 'TD3' | 'MRV-A' | 'MRV-B';
  lines: number;
  length: number;
  kinds: Kind[][];
  groups: CheckGroup[];
  /** Where the issuing state and the nationality are: three letters each, from ICAO's list of codes. */
  countries: Span[];
  /** The composite check digit: over the spans in order (groups' data and check digits, and optional data). */
  composite?: CheckGroup;
}

export const ALLOWED: Record<Kind, string> = {
  alpha: '<ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digit: '0123456789',
  alnum: '<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  sex: '<FMX',
  check: '<0123456789',
};

function kinds(length: number, spans: Array<[Kind, number, number]>): Kind[] {
  const out: Kind[] = new Array(length).fill('alnum');
  for (const [kind, start, end] of spans) for (let i = start; i < end; i++) out[i] = kind;
  return out;
}

/** Line 2 of TD3/TD2 and of the visas: number, nationality, birth date, sex, expiry, then optional data. */
function personLine(length: number, optionalCheck: boolean): Kind[] {
  const spans: Array<[Kind, number, number]> = [
    ['alnum', 0, 9],
    ['digit', 9, 10],
    ['alpha', 10, 13],
    ['digit', 13, 20],
    ['sex', 20, 21],
    ['digit', 21, 28],
  ];
  if (optionalCheck) spans.push(['check', length - 2, length - 1], ['digit', length - 1, length]);
  return kinds(length, spans);
}

function nameLine(length: number): Kind[] {
  return kinds(length, [['alpha', 0, length]]);
}

const td3: MrzLayout = {
  name: 'TD3',
  lines: 2,
  length: 44,
  kinds: [nameLine(44), personLine(44, true)],
  groups: [
    { data: [[1, 0, 9]], check: [1, 9] },
    { data: [[1, 13, 19]], check: [1, 19] },
    { data: [[1, 21, 27]], check: [1, 27] },
    { data: [[1, 28, 42]], check: [1, 42] },
  ],
  countries: [
    [0, 2, 5],
    [1, 10, 13],
  ],
  composite: {
    data: [
      [1, 0, 10],
      [1, 13, 20],
      [1, 21, 43],
    ],
    check: [1, 43],
  },
};

const td2: MrzLayout = {
  name: 'TD2',
  lines: 2,
  length: 36,
  kinds: [
    nameLine(36),
    kinds(36, [
      ['alnum', 0, 9],
      ['digit', 9, 10],
      ['alpha', 10, 13],
      ['digit', 13, 20],
      ['sex', 20, 21],
      ['digit', 21, 28],
      ['digit', 35, 36],
    ]),
  ],
  groups: [
    { data: [[1, 0, 9]], check: [1, 9] },
    { data: [[1, 13, 19]], check: [1, 19] },
    { data: [[1, 21, 27]], check: [1, 27] },
  ],
  countries: [
    [0, 2, 5],
    [1, 10, 13],
  ],
  composite: {
    data: [
      [1, 0, 10],
      [1, 13, 20],
      [1, 21, 35],
    ],
    check: [1, 35],
  },
};

const td1: MrzLayout = {
  name: 'TD1',
  lines: 3,
  length: 30,
  kinds: [
    kinds(30, [
      ['alpha', 0, 5],
      ['alnum', 5, 14],
      ['check', 14, 15],
    ]),
    kinds(30, [
      ['digit', 0, 7],
      ['sex', 7, 8],
      ['digit', 8, 15],
      ['alpha', 15, 18],
      ['digit', 29, 30],
    ]),
    nameLine(30),
  ],
  groups: [
    { data: [[0, 5, 14]], check: [0, 14] },
    { data: [[1, 0, 6]], check: [1, 6] },
    { data: [[1, 8, 14]], check: [1, 14] },
  ],
  countries: [
    [0, 2, 5],
    [1, 15, 18],
  ],
  composite: {
    data: [
      [0, 5, 30],
      [1, 0, 7],
      [1, 8, 15],
      [1, 18, 29],
    ],
    check: [1, 29],
  },
};

const visa = (name: 'MRV-A' | 'MRV-B', length: number): MrzLayout => ({
  name,
  lines: 2,
  length,
  kinds: [nameLine(length), personLine(length, false)],
  groups: td3.groups.slice(0, 3),
  countries: td3.countries,
});

export const LAYOUTS: MrzLayout[] = [td3, td2, td1, visa('MRV-A', 44), visa('MRV-B', 36)];

/** The layouts a zone of `lines` lines of `length` cells can be: a visa's begins with V. */
export function layoutsFor(lines: number, length: number): MrzLayout[] {
  return LAYOUTS.filter((l) => l.lines === lines && l.length === length);
}

/** ICAO 9303 character values: digits as themselves, A–Z 10–35, the filler 0. */
export function charValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  if (ch >= 'A' && ch <= 'Z') return ch.charCodeAt(0) - 55;
  return 0;
}

export const WEIGHTS = [7, 3, 1];

/** ICAO 9303 check digit of a field's characters. */
export function checkDigitOf(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += charValue(text[i]) * WEIGHTS[i % 3];
  return sum % 10;
}

export type Position = [line: number, position: number];

/** The positions of runs, in order. */
export function positionsOf(spans: Span[]): Position[] {
  return spans.flatMap(([line, start, end]) => Array.from({ length: end - start }, (_, i) => [line, start + i] as Position));
}
