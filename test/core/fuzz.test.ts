import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { recognize, shutdown, OcrError } from '../../src';
import { OCR_ERROR_CODES } from '../../src/errors';
import { fixture } from '../helpers/paths';

/**
 * Mutations of valid samples (bytes flipped, cut, spliced, repeated) must each end in a result or an OcrError
 * with a known code, within the deadline: never another exception, a hang or a crash. Seeded, so a failure
 * names a mutation that can be replayed. FUZZ_CASES sets how many (default 3000).
 */
const CASES = Number(process.env.FUZZ_CASES ?? 3000);
const DEADLINE_MS = 10_000;

afterAll(() => shutdown());

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function mutate(seed: Buffer, random: () => number): Buffer {
  const b = Buffer.from(seed);
  const pick = (n: number) => Math.floor(random() * n);
  switch (pick(5)) {
    case 0: // a few bytes flipped, anywhere
      for (let i = 0, n = 1 + pick(8); i < n; i++) b[pick(b.length)] ^= 1 + pick(255);
      return b;
    case 1: // cut short
      return b.subarray(0, pick(b.length));
    case 2: // a run of random bytes written over the middle
      for (let i = pick(b.length), end = Math.min(b.length, i + 1 + pick(64)); i < end; i++) b[i] = pick(256);
      return b;
    case 3: {
      // a range repeated (chunks and objects appearing twice)
      const from = pick(b.length);
      const to = Math.min(b.length, from + 1 + pick(512));
      return Buffer.concat([b.subarray(0, to), b.subarray(from, to), b.subarray(to)]);
    }
    default: {
      // header kept, a slice of the body dropped
      const from = 16 + pick(Math.max(1, b.length - 16));
      return Buffer.concat([b.subarray(0, from), b.subarray(Math.min(b.length, from + 1 + pick(256)))]);
    }
  }
}

describe('fuzz: mutated samples never escape as anything but an OcrError', () => {
  test(
    `${CASES} mutations of PNG, JPEG, TIFF, GIF, PDF and OFD samples`,
    async () => {
      // small images: the point is the decoders, not recognition time
      const tiny = await sharp(fixture('en-sans-30.png')).extract({ left: 0, top: 0, width: 160, height: 48 }).png().toBuffer();
      const seeds: Array<[string, Buffer]> = [
        ['png', tiny],
        ['jpeg', await sharp(tiny).jpeg({ quality: 60 }).toBuffer()],
        ['tiff', await sharp(tiny).tiff().toBuffer()],
        ['gif', await sharp(tiny).gif().toBuffer()],
        ['pdf', readFileSync(fixture('pdf-text-en.pdf'))],
        // read by the direct text reader: a CMap font with its content in the clear, and one in object streams
        ['pdf-cmap', readFileSync(fixture('pdf-text-zh.pdf'))],
        ['pdf-objstm', readFileSync(fixture('vat-digital.pdf'))],
        ['ofd', readFileSync(fixture('ofd-text.ofd'))],
      ];
      const random = rng(20261124);
      const outcomes = new Map<string, number>();
      const started = Date.now();
      for (let i = 0; i < CASES; i++) {
        const [kind, seed] = seeds[i % seeds.length];
        const input = mutate(seed, random);
        const t = Date.now();
        let outcome: string;
        try {
          // text mode: a mutated PDF is not rendered and recognized page by page, which would only test the engine
          await recognize(input, { languages: 'eng', engine: 'tesseract', pdfMode: 'text', detectOrientation: false, timeoutMs: DEADLINE_MS, maxPages: 5 });
          outcome = 'result';
        } catch (err) {
          if (!(err instanceof OcrError)) throw new Error(`mutation ${i} of the ${kind} sample threw ${String(err)}`);
          expect(OCR_ERROR_CODES).toContain(err.code);
          outcome = err.code;
        }
        const ms = Date.now() - t;
        if (ms >= DEADLINE_MS + 1000) throw new Error(`mutation ${i} of the ${kind} sample took ${ms} ms`);
        outcomes.set(`${kind} ${outcome}`, (outcomes.get(`${kind} ${outcome}`) ?? 0) + 1);
      }
      const summary = [...outcomes]
        .sort()
        .map(([k, n]) => `${k}: ${n}`)
        .join(', ');
      console.log(`fuzz: ${CASES} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; ${summary}`);
      // a damaged file is the input's fault, never reported as the engine's
      expect([...outcomes.keys()].filter((k) => k.endsWith('ENGINE_FAILED'))).toEqual([]);
      // the mutations reach past the sniffing: some decode, some are caught as corrupt
      expect([...outcomes.keys()].some((k) => k.endsWith('CORRUPT_INPUT'))).toBe(true);
      expect([...outcomes.keys()].some((k) => k.endsWith('result'))).toBe(true);
    },
    15 * 60 * 1000,
  );
});
