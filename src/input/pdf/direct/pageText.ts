import { PDFDict, PDFName, PDFNumber, PDFArray, PDFRawStream, PDFRef, type PDFContext } from 'pdf-lib';
import type { GlyphRun } from '../../textLayer';
import { ContentLexer, NotDirect, PdfName, type Operand } from './contentLexer';
import { directFont } from './fonts';
import type { DirectFont } from './fontDict';
import { streamBytes } from './streams';
import { IDENTITY, multiply, type Matrix, type Viewport } from './viewport';

export interface DirectPageText {
  runs: GlyphRun[];
  /** every text-showing operator ran in render mode 3 or 7 */
  invisibleOnly: boolean;
  hasImage: boolean;
}

/** Form XObjects inside form XObjects: writers nest two or three; deeper is a loop or a bomb. */
const MAX_FORM_DEPTH = 12;
/** Operators per page (forms included): a text page has thousands; far more is left to pdf.js. */
const MAX_OPERATORS = 2_000_000;

/** pdf.js's thresholds for a space between strings on a line (in em) and for a string on the same line. */
const SPACE_MIN = 0.102;
const SPACE_MAX = 0.6;
const SAME_LINE = 0.25;
/** Characters pdf.js takes for white space, and invisible format marks it leaves out of the text. */
const WHITE_SPACE = /^\s+$/;
const INVISIBLE = /^\p{Cf}+$/u;

interface GraphicsState {
  ctm: Matrix;
  font: DirectFont | null;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  mode: number;
}

/** Fonts read once per document (a font object serves every page that uses it). */
export type FontCache = Map<PDFDict, DirectFont>;

/**
 * Interprets a page's content stream for its text (ISO 32000-1 §9.4): text and graphics state, matrices,
 * TJ adjustments, form XObjects. Each text-showing operator gives a run of glyphs with their own positions in
 * page pixels; an adjustment inside TJ starts a new run, so the gap it makes is kept (a column gap, or the
 * kerning between two letters). A font the reader does not know (fonts.ts) throws NotDirect.
 */
export function readPageText(
  content: Uint8Array,
  resources: PDFDict | undefined,
  context: PDFContext,
  page: { view: [number, number, number, number]; viewport: Viewport },
  fonts: FontCache,
  budget: { bytes: number },
): DirectPageText {
  const [vx0, vy0, vx1, vy1] = page.view;
  const view = page.viewport;
  const runs: GlyphRun[] = [];
  let visible = 0;
  let invisible = 0;
  let hasImage = false;
  let operators = 0;
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let run: GlyphRun | null = null;
  /**
   * Where the last glyph drawn ended, in which font and size, unless pdf.js has begun a new text item since
   * (it does at every XObject and marked-content boundary): the same font and size a little further on the
   * same line reads after a space.
   */
  let last: { x: number; baseline: number; font: DirectFont; size: number } | null = null;

  /**
   * A run on the line the last one ended on, in the same font and size, after a gap of a tenth to six tenths
   * of an em, starts with a space: pdf.js's rule for spaces that writers leave out (it gives the same words on
   * either path), and how the strings read. Wider gaps are left to the line builder (a column gap, a label and
   * its value).
   */
  const startRun = (x: number, baseline: number, fontSize: number, font: DirectFont, size: number): GlyphRun => {
    const gap = last ? x - last.x : 0;
    const sameItem = last !== null && last.font === font && last.size === size && Math.abs(baseline - last.baseline) <= SAME_LINE * fontSize;
    if (last && sameItem && gap > SPACE_MIN * fontSize && gap <= SPACE_MAX * fontSize) {
      return { text: ' ', xs: [last.x], right: 0, baseline, fontSize };
    }
    return { text: '', xs: [], right: 0, baseline, fontSize };
  };

  const endRun = () => {
    if (run && run.text.trim() !== '') runs.push(run);
    run = null;
  };

  const interpret = (data: Uint8Array, res: PDFDict | undefined, state: GraphicsState, depth: number, forms: Set<PDFRef>) => {
    const stack: GraphicsState[] = [];
    let gs = state;
    const moveTo = (m: Matrix) => {
      endRun();
      tm = tlm = m;
    };
    const nextLine = (tx: number, ty: number) => moveTo(multiply([1, 0, 0, 1, tx, ty], tlm));
    const show = (bytes: Uint8Array) => {
      const font = gs.font;
      if (!font) throw new NotDirect('text before a font is set');
      if (gs.mode === 3 || gs.mode === 7) invisible++;
      else visible++;
      endRun();
      const size = gs.size;
      const hs = gs.hScale;
      for (const g of font.glyphs(bytes)) {
        const textToUser = multiply(tm, gs.ctm);
        const textToPage = multiply(textToUser, view.transform);
        const glyph: Matrix = [size * hs, 0, 0, size, 0, gs.rise];
        const user = multiply(glyph, textToUser);
        const origin = multiply(glyph, textToPage);
        const glyphWidth = (g.width / 1000) * size;
        const advance = (glyphWidth + gs.charSpacing + (g.code === 0x20 ? gs.wordSpacing : 0)) * hs;
        tm = multiply([1, 0, 0, 1, advance, 0], tm);
        // where the glyph ends: its origin moved `advance` along the text's x axis
        const right = origin[4] + advance * textToPage[0];
        const fontSize = Math.hypot(origin[2], origin[3]);
        // rotated or vertical text is left out of the text layer; so is text off the page (pdf.js's rule too)
        const horizontal = fontSize > 0 && origin[0] > 0 && Math.abs(origin[1]) <= 0.1 * Math.abs(origin[0]);
        const onPage = user[4] + glyphWidth >= vx0 && user[4] <= vx1 && user[5] >= vy0 && user[5] <= vy1;
        // a space the file draws is a gap, as in pdf.js: a run of spaces is one gap, and a gap across a column
        // is the line builder's to judge, not a space glyph to bridge it
        if (g.text === '' || WHITE_SPACE.test(g.text) || INVISIBLE.test(g.text) || !horizontal || !onPage) {
          endRun();
          continue;
        }
        const r: GlyphRun = run ?? startRun(origin[4], origin[5], fontSize, font, size);
        run = r;
        // one position per character: a glyph that stands for several (a ligature, ﬀ → ff) shares its width
        const chars = [...g.text];
        chars.forEach((_, k) => r.xs.push(origin[4] + ((right - origin[4]) * k) / chars.length));
        r.text += g.text;
        r.right = right;
        last = { x: right, baseline: r.baseline, font, size };
      }
    };

    new ContentLexer(data).run((op, args) => {
      if (++operators > MAX_OPERATORS) throw new NotDirect('too many operators');
      switch (op) {
        case 'q':
          stack.push({ ...gs });
          break;
        case 'Q':
          gs = stack.pop() ?? gs;
          break;
        case 'cm':
          gs = { ...gs, ctm: multiply(matrix(args), gs.ctm) };
          break;
        case 'BT':
          moveTo(IDENTITY);
          break;
        case 'ET':
          endRun();
          break;
        case 'Tf': {
          const fontName = args[0];
          if (!(fontName instanceof PdfName)) throw new NotDirect('Tf without a name');
          gs = { ...gs, font: fontFor(fontName.name, res, context, fonts, budget), size: num(args[1]) };
          break;
        }
        case 'Tc':
          gs = { ...gs, charSpacing: num(args[0]) };
          break;
        case 'Tw':
          gs = { ...gs, wordSpacing: num(args[0]) };
          break;
        case 'Tz':
          gs = { ...gs, hScale: num(args[0]) / 100 };
          break;
        case 'TL':
          gs = { ...gs, leading: num(args[0]) };
          break;
        case 'Ts':
          gs = { ...gs, rise: num(args[0]) };
          break;
        case 'Tr':
          gs = { ...gs, mode: num(args[0]) };
          break;
        case 'Td':
          nextLine(num(args[0]), num(args[1]));
          break;
        case 'TD':
          gs = { ...gs, leading: -num(args[1]) };
          nextLine(num(args[0]), num(args[1]));
          break;
        case 'Tm':
          moveTo(matrix(args));
          break;
        case 'T*':
          nextLine(0, -gs.leading);
          break;
        case 'Tj':
          show(bytes(args[0]));
          break;
        case "'":
          nextLine(0, -gs.leading);
          show(bytes(args[0]));
          break;
        case '"':
          gs = { ...gs, wordSpacing: num(args[0]), charSpacing: num(args[1]) };
          nextLine(0, -gs.leading);
          show(bytes(args[2]));
          break;
        case 'TJ': {
          const items = args[0];
          if (!Array.isArray(items)) throw new NotDirect('TJ without an array');
          for (const item of items) {
            if (typeof item === 'number') {
              tm = multiply([1, 0, 0, 1, (-item / 1000) * gs.size * gs.hScale, 0], tm);
              endRun();
            } else show(bytes(item));
          }
          break;
        }
        case 'BI':
          hasImage = true;
          break;
        case 'BMC':
        case 'BDC':
        case 'EMC':
          last = null; // pdf.js ends its text item at marked-content boundaries
          break;
        case 'Do': {
          last = null; // and at every XObject
          const xName = args[0];
          if (!(xName instanceof PdfName)) break;
          const ref = resource(res, 'XObject', xName.name, context);
          const xobject = context.lookup(ref);
          if (!(xobject instanceof PDFRawStream)) break;
          const subtype = context.lookup(xobject.dict.get(PDFName.of('Subtype')));
          if (subtype === PDFName.of('Image')) hasImage = true;
          else if (subtype === PDFName.of('Form')) {
            if (depth >= MAX_FORM_DEPTH || (ref instanceof PDFRef && forms.has(ref))) throw new NotDirect('forms nested too deep');
            const formMatrix = context.lookup(xobject.dict.get(PDFName.of('Matrix')));
            const m =
              formMatrix instanceof PDFArray
                ? matrix(
                    formMatrix.asArray().map((o) => {
                      const n = context.lookup(o);
                      return n instanceof PDFNumber ? n.asNumber() : NaN;
                    }),
                  )
                : IDENTITY;
            const formRes = context.lookup(xobject.dict.get(PDFName.of('Resources')));
            const inner = new Set(forms);
            if (ref instanceof PDFRef) inner.add(ref);
            const saved = { tm, tlm };
            interpret(streamBytes(xobject, budget), formRes instanceof PDFDict ? formRes : res, { ...gs, ctm: multiply(m, gs.ctm) }, depth + 1, inner);
            ({ tm, tlm } = saved);
            last = null;
          }
          break;
        }
        default:
          // paths, colours, shadings: nothing a text reader needs
          break;
      }
    });
    endRun();
  };

  const start: GraphicsState = { ctm: IDENTITY, font: null, size: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0, mode: 0 };
  interpret(content, resources, start, 0, new Set());
  endRun();
  return {
    runs,
    invisibleOnly: invisible > 0 && visible === 0,
    hasImage,
  };
}

function fontFor(name: string, res: PDFDict | undefined, context: PDFContext, fonts: FontCache, budget: { bytes: number }): DirectFont {
  const dict = context.lookup(resource(res, 'Font', name, context));
  if (!(dict instanceof PDFDict)) throw new NotDirect(`font ${name} missing`);
  let font = fonts.get(dict);
  if (!font) {
    font = directFont(dict, context, budget);
    fonts.set(dict, font);
  }
  return font;
}

function resource(res: PDFDict | undefined, kind: string, name: string, context: PDFContext) {
  const group = res ? context.lookup(res.get(PDFName.of(kind))) : undefined;
  return group instanceof PDFDict ? group.get(PDFName.of(name)) : undefined;
}

function num(o: Operand | undefined): number {
  if (typeof o !== 'number') throw new NotDirect('operand is not a number');
  return o;
}

function matrix(args: Operand[] | number[]): Matrix {
  if (args.length < 6) throw new NotDirect('matrix needs six numbers');
  const m = args.slice(args.length - 6).map((a) => num(a as Operand));
  if (m.some((v) => !Number.isFinite(v))) throw new NotDirect('bad matrix');
  return m as Matrix;
}

function bytes(o: Operand | undefined): Uint8Array {
  if (!(o instanceof Uint8Array)) throw new NotDirect('text operand is not a string');
  return o;
}
