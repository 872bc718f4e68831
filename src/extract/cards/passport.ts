import type { FieldValue } from '../../result';
import type { Document, Extraction, ExtractorDefinition } from '../registry';
import { realDate } from '../validators';
import { isMrzLike, mrzCandidates } from './mrz/candidates';
import { countryCodes, parseZone, type ParseResult } from './mrz/parse';
import { checkDigitOf } from './mrz/layouts';
import { mrzDateOf, readVisualZone } from './mrz/viz';

/**
 * Passports and other travel documents with a machine-readable zone (ICAO 9303 TD1, TD2, TD3). The fields come
 * from the MRZ, parsed by the `mrz` package; of the readings at hand (the OCR-B cell reader, the page's engine,
 * tesseract on the band) the one whose check digits pass wins, and the parser's autocorrect settles 0/O, 1/I,
 * 5/S, 8/B by each field's kind.
 */
const FIELDS = [
  'documentCode',
  'sex',
  'issuingCountry',
  'surname',
  'givenNames',
  'passportNumber',
  'nationality',
  'birthDate',
  'expiryDate',
  'personalNumber',
  'mrz',
] as const;

/** The document's name on its data page: passport in the ICAO languages and the major issuers' own. */
const PASSPORT_WORDS = /PASSPORT|PASSEPORT|PASAPORTE|PASSAPORTO|REISEPASS|PASPOORT|PASZPORT|ПАСПОРТ|护照|護照|旅券|여권|TRAVELDOCUMENT|DOCUMENTDEVOYAGE/;

/** A character matched this poorly by the cell reader is a guess, whatever the check digits say. */
const WEAK_CHARACTER = 0.6;

export const passport: ExtractorDefinition = {
  type: 'passport',
  needsPixels: true,
  detect(doc) {
    const lines = doc.pages.flatMap((p) => p.lines).filter((l) => isMrzLike(l.text));
    if (lines.length >= 2) return 1;
    // one MRZ line read (the other lost to a low resolution or glare) and the document calls itself a passport or
    // travel document in its visual zone, in one of the languages passports print it in
    const named = PASSPORT_WORDS.test(doc.text.replace(/\s+/g, '').toUpperCase());
    return lines.length === 1 ? (named ? 0.7 : 0.4) : 0;
  },
  extract(doc) {
    return extractPassport(doc);
  },
};

async function extractPassport(doc: Document): Promise<Extraction> {
  const fields: Record<string, FieldValue> = Object.fromEntries(FIELDS.map((f) => [f, null]));
  const fieldConfidence: Record<string, number> = {};
  const checks: Record<string, boolean> = {};
  const warnings: string[] = [];
  const countries = await countryCodes();
  const known = (result: ParseResult, lines: string[], field: string) => countries.has((rawField(result, lines, field) ?? '').padEnd(3, '<'));

  let best: { result: ParseResult; lines: string[]; score: number } | null = null;
  const candidates = await mrzCandidates(doc);
  for (const lines of combinations(candidates)) {
    const result = await parseZone(lines);
    if (!result) continue; // not a format the parser knows: another reading may be
    const digits = result.details.filter((d) => d.field?.endsWith('CheckDigit'));
    // check digits first; of readings as good, one whose country codes exist (check digits do not cover them)
    const score =
      digits.filter((d) => d.valid).length +
      0.4 * (Number(known(result, lines, 'issuingState')) + Number(known(result, lines, 'nationality'))) -
      0.01 * result.details.filter((d) => !d.valid).length;
    if (!best || score > best.score) best = { result, lines, score };
  }
  if (!best) {
    warnings.push('No machine-readable zone (MRZ) could be read: photograph the whole page with the two or three lines of <<< at the bottom.');
    return { fields, fieldConfidence, checks, warnings };
  }

  const { result, lines } = best;
  const raw = (field: string) => rawField(result, lines, field);
  const checkDigits = result.details.filter((d) => d.field?.endsWith('CheckDigit'));
  const allValid = checkDigits.length > 0 && checkDigits.every((d) => d.valid);
  // check digits passing over characters the cell reader could barely make out may pass by chance
  const smudged = candidates.some((c) => c.source === 'cells' && (c.weakest ?? 1) < WEAK_CHARACTER && c.lines.some((l, i) => l === lines[i]));
  const confidence = allValid ? (smudged ? 0.7 : 0.99) : 0.6;
  if (allValid && smudged)
    warnings.push('Part of the MRZ is hard to make out: its check digits pass, but check the document number and dates against the photo.');
  const set = (name: string, value: FieldValue) => {
    if (value === null || value === '') return;
    fields[name] = value;
    fieldConfidence[name] = confidence;
  };

  set('documentCode', (raw('documentCode') ?? '').replace(/</g, ''));
  set('sex', { male: 'M', female: 'F', nonspecified: 'X' }[result.fields.sex ?? ''] ?? null);
  set('issuingCountry', letters(raw('issuingState')));
  set('surname', raw('lastName'));
  set('givenNames', raw('firstName'));
  set('passportNumber', raw('documentNumber'));
  set('nationality', letters(raw('nationality')));
  set('birthDate', mrzDate(result.fields.birthDate, 'past'));
  set('expiryDate', mrzDate(result.fields.expirationDate, 'future'));
  set('personalNumber', (raw('personalNumber') ?? raw('optional1') ?? '').replace(/</g, '') || null);
  // the lines as the parser settled them (0/O, 1/I … by each field's kind), so `mrz` is the checked copy
  fields.mrz = corrected(lines, result);
  fieldConfidence.mrz = confidence;

  for (const d of checkDigits) checks[`mrz${d.field![0].toUpperCase()}${d.field!.slice(1)}`] = d.valid;
  checks.mrzCheckDigits = allValid;
  checks.mrzCountryCodes = known(result, lines, 'issuingState') && known(result, lines, 'nationality');
  if (!checks.mrzCountryCodes) warnings.push('The MRZ names a country code that does not exist: the reading may be wrong; check the photo.');
  if (!allValid) {
    const failed = checkDigits.filter((d) => !d.valid).map((d) => d.field!.replace(/CheckDigit$/, ''));
    warnings.push(`MRZ check digits fail for ${failed.join(', ')}: the reading may be wrong; check the photo.`);
    fromVisualZone(doc, result, fields, fieldConfidence, warnings);
  }
  return { fields, fieldConfidence, checks, warnings };
}

/** MRZ fields a check digit covers, with the result field they fill and whether the value lies in the past. */
const VISUAL_FIELDS = [
  { mrz: 'documentNumber', field: 'passportNumber', kind: 'code' },
  { mrz: 'birthDate', field: 'birthDate', kind: 'past' },
  { mrz: 'expirationDate', field: 'expiryDate', kind: 'future' },
] as const;

/**
 * The visual zone answers where the MRZ's check digit fails: the one value it prints that passes the MRZ's own
 * check digit for that field (a date printed 12 AUG 1974, the document number printed beside its label) is taken,
 * with a warning; the MRZ's check digits stay failed, so the document still goes to review. Where the MRZ's
 * check digits pass, the MRZ wins and the visual zone is not consulted.
 */
function fromVisualZone(
  doc: Document,
  result: ParseResult,
  fields: Record<string, FieldValue>,
  fieldConfidence: Record<string, number>,
  warnings: string[],
): void {
  const printed = doc.pages.flatMap((p) => p.lines.map((l) => l.text)).filter((t) => !isMrzLike(t));
  const zone = readVisualZone(printed);
  const today = new Date().toISOString().slice(0, 10);
  for (const { mrz, field, kind } of VISUAL_FIELDS) {
    const check = result.details.find((d) => d.field === `${mrz}CheckDigit`);
    if (!check || check.valid || !check.value || !/^\d$/.test(check.value)) continue;
    const digit = Number(check.value);
    const options =
      kind === 'code'
        ? zone.codes.filter((c) => c.length <= 9 && checkDigitOf(c.padEnd(9, '<')) === digit)
        : zone.dates.filter((d) => (kind === 'past' ? d < today : d > '1990') && checkDigitOf(mrzDateOf(d)) === digit);
    if (options.length !== 1) continue; // none, or several that pass: the visual zone does not settle it
    fields[field] = options[0];
    fieldConfidence[field] = 0.9;
    warnings.push(`The MRZ's ${field} fails its check digit; the visual zone prints ${options[0]}, which passes it, and it is used.`);
  }
}

/**
 * Every mix of the readings' lines, line by line (the engine may read one line well and the MRZ reader another):
 * at most 2³ for TD1, since there are two readings of the same format.
 */
function combinations(candidates: Array<{ lines: string[] }>): string[][] {
  const out: string[][] = [];
  const byShape = new Map<string, string[][]>();
  for (const c of candidates) {
    const shape = c.lines.map((l) => l.length).join(',');
    byShape.set(shape, [...(byShape.get(shape) ?? []), c.lines]);
  }
  for (const group of byShape.values()) {
    const walk = (i: number, acc: string[]) => {
      if (i === group[0].length) return void out.push(acc);
      for (const option of new Set(group.map((g) => g[i]))) walk(i + 1, [...acc, option]);
    };
    walk(0, []);
  }
  return out;
}

/** A field as the zone holds it (fillers removed), also where the parser found it invalid. */
function rawField(result: ParseResult, lines: readonly string[], field: string): string | null {
  const d = result.details.find((x) => x.field === field);
  if (!d) return null;
  // the parser gives fillers inside a value as spaces (<17331334P → " 17331334P")
  if (d.value) return d.value.replace(/</g, ' ').trim() || null;
  const r = d.ranges[0];
  return r ? lines[r.line].slice(r.start, r.end).replace(/</g, '') || null : null;
}

/** Country codes are letters: a digit there is a misread letter (UT0 → UTO). */
function letters(code: string | null): string | null {
  return code ? code.replace(/[01258]/g, (d) => ({ '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '8': 'B' })[d] ?? d) : null;
}

/** The lines with the parser's autocorrections applied (UT0 → UTO where a field holds letters). */
function corrected(lines: readonly string[], result: ParseResult): string[] {
  const chars = lines.map((l) => [...l]);
  for (const d of result.details) for (const c of d.autocorrect ?? []) if (chars[c.line]?.[c.column] === c.original) chars[c.line][c.column] = c.corrected;
  return chars.map((l) => l.join(''));
}

/** YYMMDD → YYYY-MM-DD: a birth date lies in the past, an expiry date within the next decades. */
function mrzDate(value: string | null | undefined, when: 'past' | 'future'): string | null {
  const m = value ? /^(\d{2})(\d{2})(\d{2})$/.exec(value) : null;
  if (!m) return null;
  const yy = Number(m[1]);
  const now = new Date().getUTCFullYear();
  let year = 2000 + yy;
  if (when === 'past' && year > now) year -= 100;
  if (when === 'future' && year > now + 50) year -= 100;
  return realDate(year, Number(m[2]), Number(m[3]), true);
}
