/** Character error rate: edit distance over the reference length, after the normalization the contract documents. */
export function normalizeForCer(text: string): string {
  return (
    text
      .normalize('NFKC') // full-width ：（） and half-width :() count as the same character
      .split('\n')
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join('\n')
      // spaces next to CJK characters are a rendering choice, not content
      .replace(/ (?=[\u3000-\u9fff\uff00-\uffef])|(?<=[\u3000-\u9fff\uff00-\uffef]) /g, '')
  );
}

export function levenshtein(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let prev = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[t.length];
}

export function cer(reference: string, hypothesis: string): number {
  const ref = normalizeForCer(reference);
  const hyp = normalizeForCer(hypothesis);
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  return levenshtein(ref, hyp) / [...ref].length;
}

/**
 * The same error with order ignored: the characters compared as multisets (a line break counts as a space,
 * as it does between the lines of a text reflowed),
 * (max(|ref|, |hyp|) − |ref ∩ hyp|) / |ref|. A substitution costs one, as in `cer`; a reading that has every
 * character but in the wrong order costs nothing. `cer` − `orderFreeCer` is what the reading order lost.
 */
export function orderFreeCer(reference: string, hypothesis: string): number {
  const count = (s: string) => {
    const m = new Map<string, number>();
    for (const ch of normalizeForCer(s).replace(/\n/g, ' ')) m.set(ch, (m.get(ch) ?? 0) + 1);
    return m;
  };
  const ref = count(reference);
  const hyp = count(hypothesis);
  let refLen = 0,
    hypLen = 0,
    common = 0;
  for (const [ch, n] of ref) {
    refLen += n;
    common += Math.min(n, hyp.get(ch) ?? 0);
  }
  for (const n of hyp.values()) hypLen += n;
  if (refLen === 0) return hypLen === 0 ? 0 : 1;
  return (Math.max(refLen, hypLen) - common) / refLen;
}

/** Reference lines no hypothesis line reads within `bound` CER: lines lost to misorientation or joined across a gutter. */
export function linesMissed(referenceLines: string[], hypothesisLines: string[], bound = 0.34): string[] {
  const hyp = hypothesisLines.map(normalizeForCer).filter(Boolean);
  return referenceLines.filter((ref) => {
    const r = normalizeForCer(ref);
    if (!r) return false;
    const len = [...r].length;
    return !hyp.some((h) => Math.abs([...h].length - len) <= bound * len && levenshtein(r, h) / len <= bound);
  });
}
