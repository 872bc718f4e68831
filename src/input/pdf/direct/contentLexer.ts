/**
 * A content stream as operators and their operands (ISO 32000-1 §7.8.2). Only what a text reader needs:
 * numbers, names, strings (as bytes), arrays and dictionaries as operands; inline images are stepped over.
 * A ToUnicode CMap has the same syntax (its `endbfchar` is an operator after the pairs it ends).
 * Anything it cannot make sense of throws `NotDirect`, and the page is read by pdf.js instead.
 */

export class PdfName {
  constructor(readonly name: string) {}
}

export type Operand = number | boolean | null | PdfName | Uint8Array | Operand[] | { [key: string]: Operand };

/** This page (or document) is not for the direct reader; pdf.js reads it. Never shown to a user. */
export class NotDirect extends Error {
  constructor(why: string) {
    super(why);
    this.name = 'NotDirect';
  }
}

const WHITE = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

/** Nesting of arrays and dictionaries in one operand: deeper is no content stream a writer produces. */
const MAX_DEPTH = 32;

export class ContentLexer {
  private pos = 0;

  /** `maxOperands`: a content operator takes at most six and TJ one array; a CMap block up to 200 */
  constructor(
    private readonly data: Uint8Array,
    private readonly maxOperands = 64,
  ) {}

  /**
   * Calls `onOperator` for each operator with the operands before it; an inline image's dictionary comes
   * with `BI` (as one dictionary operand) and its data is skipped.
   */
  run(onOperator: (op: string, operands: Operand[]) => void): void {
    let operands: Operand[] = [];
    for (;;) {
      const token = this.next(0);
      if (token === EOF) return;
      if (token instanceof Keyword) {
        if (token.word === 'BI') {
          onOperator('BI', [this.inlineImage()]);
        } else {
          onOperator(token.word, operands);
        }
        operands = [];
      } else {
        if (token === CLOSE) throw new NotDirect('stray ] or >>');
        if (operands.length >= this.maxOperands) throw new NotDirect('too many operands');
        operands.push(token);
      }
    }
  }

  private next(depth: number): Operand | Keyword | typeof EOF | typeof CLOSE {
    const d = this.data;
    this.skipSpace();
    if (this.pos >= d.length) return EOF;
    const c = d[this.pos];
    if (depth > MAX_DEPTH) throw new NotDirect('operand nested too deep');
    switch (c) {
      case 0x28: // (
        return this.literalString();
      case 0x3c: // < or <<
        if (d[this.pos + 1] === 0x3c) {
          this.pos += 2;
          return this.dictionary(depth + 1, '>>');
        }
        return this.hexString();
      case 0x3e: // >>
        if (d[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return CLOSE;
        }
        throw new NotDirect('stray >');
      case 0x5b: {
        // [
        this.pos++;
        const items: Operand[] = [];
        for (;;) {
          const t = this.next(depth + 1);
          if (t === CLOSE) return items;
          if (t === EOF || t instanceof Keyword) throw new NotDirect('unterminated array');
          items.push(t);
        }
      }
      case 0x5d: // ]
        this.pos++;
        return CLOSE;
      case 0x2f: // /
        this.pos++;
        return new PdfName(this.regular(true));
      case 0x7b: // { } only in PostScript functions, never in page content
      case 0x7d:
      case 0x29:
        throw new NotDirect('unexpected delimiter');
      default: {
        const word = this.regular(false);
        if (word === '') throw new NotDirect('unreadable byte');
        const first = word.charCodeAt(0);
        if ((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e) {
          const n = Number(word);
          // "--5" or "5.5.5" from sloppy writers: pdf.js reads them leniently; leave such pages to it
          if (!Number.isFinite(n)) throw new NotDirect(`bad number ${word}`);
          return n;
        }
        if (word === 'true') return true;
        if (word === 'false') return false;
        if (word === 'null') return null;
        return new Keyword(word);
      }
    }
  }

  private skipSpace(): void {
    const d = this.data;
    while (this.pos < d.length) {
      const c = d[this.pos];
      if (WHITE[c]) this.pos++;
      else if (c === 0x25) {
        // a comment runs to the end of the line
        while (this.pos < d.length && d[this.pos] !== 0x0a && d[this.pos] !== 0x0d) this.pos++;
      } else return;
    }
  }

  /** A run of regular characters; in names `#xx` is a hex-escaped byte. */
  private regular(isName: boolean): string {
    const d = this.data;
    const start = this.pos;
    while (this.pos < d.length && !WHITE[d[this.pos]] && !DELIM[d[this.pos]]) this.pos++;
    const raw = d.subarray(start, this.pos);
    if (!isName || !raw.includes(0x23)) return latin1(raw);
    let out = '';
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === 0x23 && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
        out += String.fromCharCode(parseInt(String.fromCharCode(raw[i + 1], raw[i + 2]), 16));
        i += 2;
      } else out += String.fromCharCode(raw[i]);
    }
    return out;
  }

  private literalString(): Uint8Array {
    const d = this.data;
    this.pos++; // (
    const out: number[] = [];
    let nesting = 1;
    while (this.pos < d.length) {
      const c = d[this.pos++];
      if (c === 0x28) nesting++;
      else if (c === 0x29 && --nesting === 0) return Uint8Array.from(out);
      if (c !== 0x5c) {
        out.push(c);
        continue;
      }
      if (this.pos >= d.length) break;
      const e = d[this.pos++];
      switch (e) {
        case 0x6e:
          out.push(0x0a);
          break; // \n
        case 0x72:
          out.push(0x0d);
          break; // \r
        case 0x74:
          out.push(0x09);
          break; // \t
        case 0x62:
          out.push(0x08);
          break; // \b
        case 0x66:
          out.push(0x0c);
          break; // \f
        case 0x0d:
          if (d[this.pos] === 0x0a) this.pos++;
          break; // line continuation
        case 0x0a:
          break;
        default:
          if (e >= 0x30 && e <= 0x37) {
            let v = e - 0x30;
            for (let k = 0; k < 2 && d[this.pos] >= 0x30 && d[this.pos] <= 0x37; k++) v = v * 8 + (d[this.pos++] - 0x30);
            out.push(v & 0xff);
          } else out.push(e); // \( \) \\ and an unknown escape: the character itself
      }
    }
    throw new NotDirect('unterminated string');
  }

  private hexString(): Uint8Array {
    const d = this.data;
    this.pos++; // <
    const out: number[] = [];
    let high = -1;
    while (this.pos < d.length) {
      const c = d[this.pos++];
      if (c === 0x3e) {
        if (high >= 0) out.push(high << 4); // an odd digit count: the last one is followed by 0
        return Uint8Array.from(out);
      }
      if (WHITE[c]) continue;
      const v = hexValue(c);
      if (v < 0) throw new NotDirect('bad hex string');
      if (high < 0) high = v;
      else {
        out.push((high << 4) | v);
        high = -1;
      }
    }
    throw new NotDirect('unterminated hex string');
  }

  private dictionary(depth: number, end: '>>' | 'ID'): { [key: string]: Operand } {
    const dict: { [key: string]: Operand } = {};
    for (;;) {
      const key = this.next(depth);
      if (key === CLOSE && end === '>>') return dict;
      if (key instanceof Keyword && key.word === end) return dict;
      if (!(key instanceof PdfName)) throw new NotDirect('bad dictionary');
      const value = this.next(depth);
      if (value === EOF || value === CLOSE || value instanceof Keyword) throw new NotDirect('bad dictionary value');
      dict[key.name] = value;
    }
  }

  /**
   * `BI <entries> ID <data> EI`: the data is binary, so its end is found as pdf.js and other readers do, by
   * the first "EI" standing alone between white space (or at the end).
   */
  private inlineImage(): { [key: string]: Operand } {
    const dict = this.dictionary(1, 'ID');
    const d = this.data;
    this.pos++; // the single white-space byte after ID
    for (let i = this.pos; i + 1 < d.length; i++) {
      if (d[i] === 0x45 && d[i + 1] === 0x49 && WHITE[d[i - 1]] && (i + 2 >= d.length || WHITE[d[i + 2]] || DELIM[d[i + 2]])) {
        this.pos = i + 2;
        return dict;
      }
    }
    throw new NotDirect('inline image without EI');
  }
}

class Keyword {
  constructor(readonly word: string) {}
}
const EOF = Symbol('eof');
const CLOSE = Symbol('close');

function isHex(c: number): boolean {
  return hexValue(c) >= 0;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
