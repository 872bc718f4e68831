import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Tesseract's language data comes from the @tesseract.js-data/* npm packages, never a CDN.
 *
 * tesseract.js reads every language from one `langPath` folder, but each package keeps its file in its own
 * folder, so we point it at a folder of links (in the OS temp dir, never the working directory). The
 * LSTM-only "best_int" models are used for recognition: smaller and faster than the legacy+LSTM ones.
 * The orientation detector (osd) exists only for the legacy engine.
 */
export function traineddataFile(lang: string): string {
  const pkgDir = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  const variant = lang === 'osd' ? '4.0.0' : '4.0.0_best_int';
  return path.join(pkgDir, variant, `${lang}.traineddata.gz`);
}

let linkDir: Promise<string> | null = null;

export function langPath(langs: readonly string[]): Promise<string> {
  const all = [...new Set([...langs, 'eng', 'chi_sim', 'chi_tra', 'osd'])].sort();
  if (!linkDir) linkDir = buildLinkDir(all);
  return linkDir.then(async (dir) => {
    // A language added after the folder was built (not expected, but cheap to handle).
    for (const l of langs) await ensureLink(dir, l);
    return dir;
  });
}

async function buildLinkDir(langs: string[]): Promise<string> {
  const files = langs.map(traineddataFile);
  const id = createHash('sha1').update(files.join('\n')).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), `local-ocr-tessdata-${id}`);
  await fs.mkdir(dir, { recursive: true });
  for (const l of langs) await ensureLink(dir, l);
  return dir;
}

async function ensureLink(dir: string, lang: string): Promise<void> {
  const target = traineddataFile(lang);
  const link = path.join(dir, `${lang}.traineddata.gz`);
  try {
    if ((await fs.realpath(link)) === (await fs.realpath(target))) return;
  } catch {
    // missing or dangling: (re)create below
  }
  // Create beside and rename over, so concurrent processes never see a half-made entry.
  const tmp = `${link}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    await fs.symlink(target, tmp);
  } catch {
    await fs.copyFile(target, tmp); // file systems without symlinks
  }
  await fs.rename(tmp, link);
}
