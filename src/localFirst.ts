import { performance } from 'node:perf_hooks';
import { OcrError, toOcrError } from './errors';
import { readInput, type InputSource } from './input/read';
import { resolveOptions, type RecognizeOptions } from './options';
import { reviewReasons, textConfidence } from './output/review';
import type { FieldValue, RecognitionResult } from './result';
import { readDocument } from './pipeline';
import { CHECK_FIELDS, fieldChecks } from './cloud/checks';
import { typedApiFor } from './cloud/huawei/fields';

/** Local failures the cloud may get past; a broken, encrypted or oversized file it would refuse the same way. */
const ESCALATE_ON: ReadonlySet<string> = new Set(['NO_TEXT_FOUND', 'ENGINE_FAILED']);

/**
 * `engine: 'local-first'`: read on this machine; only a document whose result would go to review (a failed
 * check, a field under the confidence threshold, unreadable text, an unrecognized type) is sent to Huawei Cloud,
 * and only its doubtful fields are taken from the cloud's reading. `fieldEngines` records who read each field.
 * When the cloud fails, the local result stands with a warning: the item is never lost to the fallback.
 */
export async function recognizeLocalFirst(input: InputSource, options: RecognizeOptions): Promise<RecognitionResult> {
  const started = performance.now();
  const opts = resolveOptions(options);
  const deadline = Date.now() + opts.timeoutMs;
  const bytes = await readInput(input, opts.maxBytes).catch((err: unknown) => {
    throw toOcrError(err);
  });

  let local: RecognitionResult | undefined;
  let reasons: string[];
  try {
    local = await readDocument(bytes, { ...options, engine: opts.localEngine });
    reasons = reviewReasons(local, opts.minConfidence, opts.type === 'auto' && opts.candidates !== undefined);
    if (reasons.length === 0) return { ...local, fieldEngines: enginesOf(local.fields, local.engine) };
  } catch (err) {
    const e = toOcrError(err);
    if (!ESCALATE_ON.has(e.code)) throw e;
    reasons = [`The local engine failed (${e.code}).`];
  }

  const remaining = deadline - Date.now();
  let cloud: RecognitionResult;
  try {
    if (remaining <= 0) throw new OcrError('TIMEOUT', 'No time was left for the cloud after the local reading.');
    const type = local && local.type !== 'general' ? local.type : opts.type;
    cloud = await readDocument(bytes, { ...options, engine: 'huawei-cloud', type, timeoutMs: remaining });
  } catch (err) {
    if (!local) throw toOcrError(err);
    const e = toOcrError(err);
    return {
      ...local,
      warnings: [
        ...local.warnings,
        `Huawei Cloud OCR was asked to read this document again (${reasons.join(' ')}) but failed, so the local reading stands: ${e.code}: ${e.message}`,
      ],
      fieldEngines: enginesOf(local.fields, local.engine),
    };
  }
  const merged = local ? merge(local, cloud, reasons, opts.minConfidence) : { ...cloud, fieldEngines: enginesOf(cloud.fields, cloud.engine) };
  merged.timings = { ...merged.timings, cloud: cloud.timings.total, total: Math.round(performance.now() - started) };
  return merged;
}

/**
 * The local result with its doubtful fields replaced by the cloud's: fields that are missing, under the
 * threshold or named by a failed check. Checks are computed again on the merged fields; a local check that
 * needs the page (MRZ digits, a barcode) is kept only while every field it covers is still the local one.
 */
function merge(local: RecognitionResult, cloud: RecognitionResult, reasons: string[], minConfidence: number): RecognitionResult {
  const note = `Read again by Huawei Cloud OCR because ${reasons.join(' ')}`;
  if (Object.keys(local.fields).length === 0 && Object.keys(cloud.fields).length === 0) {
    // plain text: the reading with the better confidence, whole
    const localConf = textConfidence(local.pages) ?? 0;
    const cloudConf = textConfidence(cloud.pages) ?? 0;
    if (cloud.text.trim() !== '' && cloudConf >= localConf)
      return { ...cloud, engine: 'huawei-cloud', warnings: [...cloud.warnings, `${note}; its text is used.`], fieldEngines: {} };
    return { ...local, warnings: [...local.warnings, `${note}; the local text was kept (the cloud's was no better).`], fieldEngines: {} };
  }

  const typed = local.type !== 'general' ? local.type : cloud.type;
  const doubtful = doubtfulFields(local, minConfidence);
  const fields: Record<string, FieldValue> = {};
  const fieldConfidence: Record<string, number> = {};
  const fieldEngines: Record<string, string> = {};
  const fromCloud: string[] = [];
  const sameType = local.type === cloud.type;
  for (const name of new Set([...Object.keys(cloud.fields), ...Object.keys(local.fields)])) {
    const localValue = sameType ? local.fields[name] : undefined;
    const cloudValue = cloud.fields[name];
    const takeCloud = present(cloudValue) && (!sameType || doubtful.has(name) || !present(localValue));
    const [value, confidence, engine] = takeCloud
      ? [cloudValue, cloud.fieldConfidence[name], cloud.engine]
      : [localValue ?? null, local.fieldConfidence[name], local.engine];
    fields[name] = value;
    if (confidence !== undefined && present(value)) fieldConfidence[name] = confidence;
    if (present(value)) fieldEngines[name] = engine;
    if (takeCloud && JSON.stringify(cloudValue) !== JSON.stringify(localValue)) fromCloud.push(name);
  }

  const taken = new Set(
    Object.entries(fieldEngines)
      .filter(([, e]) => e === cloud.engine)
      .map(([n]) => n),
  );
  const recomputed = typedApiFor(typed) ? fieldChecks(typed, fields) : { checks: {}, warnings: [] };
  const checks: Record<string, boolean> = {};
  for (const [name, ok] of Object.entries(sameType ? local.checks : {})) {
    const covers = CHECK_FIELDS[name];
    const stillLocal = covers ? covers.every((f) => !taken.has(f)) : taken.size === 0;
    if (stillLocal) checks[name] = ok;
  }
  Object.assign(checks, recomputed.checks);

  const summary = fromCloud.length ? `${note}; taken from it: ${fromCloud.join(', ')}.` : `${note}; it read the doubtful fields the same way.`;
  return {
    ...local,
    type: typed,
    fields,
    fieldConfidence,
    checks,
    // page-level notes stay; field-level ones are those of the merged fields
    warnings: [...local.warnings.filter((w) => /^Page \d+:/.test(w)), ...recomputed.warnings, summary],
    engine: taken.size ? `${local.engine}+huawei-cloud` : local.engine,
    fieldEngines,
  };
}

/** Fields of a local result that the cloud should read again. */
function doubtfulFields(result: RecognitionResult, minConfidence: number): Set<string> {
  const doubtful = new Set<string>();
  for (const [name, value] of Object.entries(result.fields)) {
    const confidence = result.fieldConfidence[name];
    if (!present(value) || confidence === undefined || confidence < minConfidence) doubtful.add(name);
  }
  for (const [check, ok] of Object.entries(result.checks)) {
    if (ok) continue;
    for (const f of CHECK_FIELDS[check] ?? Object.keys(result.fields)) doubtful.add(f);
  }
  return doubtful;
}

function enginesOf(fields: Record<string, FieldValue>, engine: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, v]) => present(v))
      .map(([k]) => [k, engine]),
  );
}

function present(value: FieldValue | undefined): boolean {
  return value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
}
