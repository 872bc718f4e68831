/**
 * The `mrz` package (an ES module, loaded once with a real dynamic import) behind one function that also reads
 * visas: ICAO's MRV-A and MRV-B zones are laid out like TD3 and TD2 but carry optional data instead of a personal
 * number and no composite check digit, which the package does not know. A visa is parsed as its twin with the
 * document code swapped, and the check digits it does not have are dropped.
 */
export interface ParseResult {
  format: string;
  valid: boolean;
  fields: Record<string, string | null | undefined>;
  details: Array<{
    field: string | null;
    valid: boolean;
    value: string | null;
    ranges: Array<{ line: number; start: number; end: number }>;
    autocorrect?: Array<{ line: number; column: number; original: string; corrected: string }>;
  }>;
}

type Parse = (lines: readonly string[], options: { autocorrect: boolean }) => ParseResult;

interface MrzModule {
  parse: Parse;
  states: Record<string, string>;
}

let loaded: Promise<MrzModule> | undefined;
function load(): Promise<MrzModule> {
  loaded ??= import('mrz').then((m) => m as unknown as MrzModule);
  return loaded;
}

/** Fields a visa does not have: what its twin format keeps in their place is optional data. */
const NOT_ON_VISAS = new Set(['personalNumber', 'personalNumberCheckDigit', 'compositeCheckDigit']);

/** Parses a zone (autocorrect on); null when it is no format the parser knows. */
export async function parseZone(lines: readonly string[]): Promise<ParseResult | null> {
  const { parse } = await load();
  const visa = lines.length === 2 && lines[0].startsWith('V');
  const twin = visa ? [(lines[0].length === 44 ? 'P' : 'I') + lines[0].slice(1), ...lines.slice(1)] : lines;
  let result: ParseResult;
  try {
    result = parse(twin, { autocorrect: true });
  } catch {
    return null;
  }
  if (!visa) return result;
  const details = result.details.filter((d) => !NOT_ON_VISAS.has(d.field ?? ''));
  const documentCode = details.find((d) => d.field === 'documentCode');
  if (documentCode) documentCode.value = lines[0].slice(0, 2).replace(/</g, '');
  return {
    format: lines[0].length === 44 ? 'MRV-A' : 'MRV-B',
    valid: details.every((d) => d.valid),
    fields: { ...result.fields, documentCode: documentCode?.value ?? 'V', personalNumber: null },
    details,
  };
}

let codes: Promise<Set<string>> | undefined;
/**
 * ICAO's three-letter codes of states and organizations as they stand in a zone (D<< for Germany), with UTO, the
 * state of ICAO's specimens.
 */
export function countryCodes(): Promise<Set<string>> {
  codes ??= load().then(({ states }) => new Set([...Object.keys(states).map((c) => c.padEnd(3, '<')), 'UTO']));
  return codes;
}
