import type { Page, RecognitionResult } from '../result';
import { DEFAULT_MIN_CONFIDENCE } from '../options';

/**
 * Why a result should be looked at by a person before it is trusted; empty when it can go straight through.
 * A typed document is judged by its checks and its fields' confidences; plain text (no fields) by the
 * confidence of its recognized characters, weighted by line length so one noisy speck does not decide.
 */
export function reviewReasons(result: RecognitionResult, minConfidence = DEFAULT_MIN_CONFIDENCE, requireType = false): string[] {
  const reasons: string[] = [];
  // a card, receipt or domain node that could only read plain text did not do its job
  if (requireType && result.type === 'general') reasons.push('The document type was not recognized.');
  for (const [name, ok] of Object.entries(result.checks)) {
    if (ok === false) reasons.push(`Check failed: ${name}.`);
  }
  for (const [field, conf] of Object.entries(result.fieldConfidence)) {
    if (conf < minConfidence) reasons.push(`Low confidence on ${field} (${conf.toFixed(2)}).`);
  }
  const values = Object.values(result.fields);
  // a typed document of which nothing at all was read (a wrong type asked for, an unreadable scan)
  if (values.length > 0 && values.every((v) => v === null || v === '' || (Array.isArray(v) && v.length === 0))) reasons.push('No fields were read.');
  if (values.length === 0) {
    if (result.text.trim() === '') reasons.push('No text was found.');
    else {
      const conf = textConfidence(result.pages);
      if (conf !== null && conf < minConfidence) reasons.push(`Low text confidence (${conf.toFixed(2)}).`);
    }
  }
  return reasons;
}

/** Character-weighted mean line confidence over the pages, or null without text. */
export function textConfidence(pages: readonly Page[]): number | null {
  let sum = 0;
  let chars = 0;
  for (const page of pages) {
    for (const line of page.lines) {
      const n = [...line.text].length;
      sum += line.confidence * n;
      chars += n;
    }
  }
  return chars === 0 ? null : sum / chars;
}
