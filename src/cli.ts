#!/usr/bin/env node
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeSearchablePdf, recognize, shutdown, tablesToCsv, tablesToXlsx } from './index';
import { OcrError, isOcrError } from './errors';
import type { RecognizeOptions } from './options';
import { poolSize } from './engines/registry';

const HELP = `local-ocr: recognize images, scans, PDF and OFD documents offline, into JSON.

Usage:
  local-ocr <file> [options]            one result as JSON on stdout
  local-ocr <file|dir> <file|dir> ...   one JSON line per file (JSON Lines), each with "file"

Options:
  --type T        general (default), auto, or a document type such as id-card, vat-invoice
  --engine E      auto (default), tesseract, paddle (all on this machine); huawei-cloud, or local-first
                  (local, and Huawei Cloud OCR only for results that need review): credentials from the
                  environment: HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_REGION,
                  HUAWEICLOUD_SDK_PROJECT_ID, optional HUAWEICLOUD_OCR_ENDPOINT
  --lang L        OCR languages joined by +, default chi_sim+eng (also: eng, chi_tra)
  --pages P       page selection, e.g. 1-3,5 (default: every page)
  --pdf-mode M    auto (default), text (never OCR), ocr (always OCR)
  --password PW   password of an encrypted PDF
  --timeout MS    deadline per document in milliseconds (default 120000)
  --no-rotate     do not detect pages turned by 90/180/270 degrees
  --pdf-out FILE  also write the scan as a searchable PDF (invisible text layer) to FILE; one input only
  --tables        find tables (ruled on scanned pages, borderless by alignment on any page): pages[i].tables
  --tables-out F  also write every table to F: .xlsx (a sheet per table) or .csv; one input only
  --duplicates F  a JSON-lines file of documents seen: repeats get checks.notDuplicate false (created if missing)
  --pretty        indent the JSON
  -h, --help      show this help

The input type is detected from the file's content, never its name. Directories are read one level deep,
in name order; files run concurrently through the engine pool and are printed in input order.
On error the output is {"error":{"code","message"}} (with "file" in JSON Lines) and the exit code is 2.
Codes: UNSUPPORTED_FORMAT, CORRUPT_INPUT, ENCRYPTED_PDF, TOO_LARGE, EMPTY_INPUT, TIMEOUT, ENGINE_FAILED, NO_TEXT_FOUND.`;

interface CliArgs {
  files: string[];
  options: RecognizeOptions;
  pretty: boolean;
  pdfOut?: string;
  tablesOut?: string;
}

function parse(argv: string[]): CliArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      type: { type: 'string' },
      engine: { type: 'string' },
      lang: { type: 'string' },
      pages: { type: 'string' },
      'pdf-mode': { type: 'string' },
      password: { type: 'string' },
      timeout: { type: 'string' },
      'no-rotate': { type: 'boolean' },
      tables: { type: 'boolean' },
      duplicates: { type: 'string' },
      'pdf-out': { type: 'string' },
      'tables-out': { type: 'string' },
      pretty: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length === 0) throw new TypeError('No input file given. Run local-ocr --help for usage.');
  const engine = values.engine as RecognizeOptions['engine'];
  const options: RecognizeOptions = {
    type: values.type as RecognizeOptions['type'],
    engine,
    // keys from the environment, never from arguments (which any user of the machine can read in `ps`)
    cloud: engine === 'huawei-cloud' || engine === 'local-first' ? cloudFromEnvironment() : undefined,
    languages: values.lang,
    pages: values.pages,
    pdfMode: values['pdf-mode'] as RecognizeOptions['pdfMode'],
    password: values.password,
    timeoutMs: values.timeout !== undefined ? Number(values.timeout) : undefined,
    detectOrientation: values['no-rotate'] ? false : undefined,
    tables: values.tables || values['tables-out'] !== undefined ? true : undefined,
    duplicateStore: values.duplicates,
  };
  if (values['pdf-out'] !== undefined && positionals.length !== 1) throw new TypeError('--pdf-out takes exactly one input file.');
  const tablesOut = values['tables-out'];
  if (tablesOut !== undefined && positionals.length !== 1) throw new TypeError('--tables-out takes exactly one input file.');
  if (tablesOut !== undefined && !/\.(xlsx|csv)$/i.test(tablesOut)) throw new TypeError('--tables-out needs a file name ending in .xlsx or .csv.');
  return { files: positionals, options, pretty: Boolean(values.pretty), pdfOut: values['pdf-out'], tablesOut };
}

function cloudFromEnvironment(): RecognizeOptions['cloud'] {
  const env = process.env;
  return {
    accessKey: env.HUAWEICLOUD_SDK_AK ?? '',
    secretKey: env.HUAWEICLOUD_SDK_SK ?? '',
    region: env.HUAWEICLOUD_SDK_REGION ?? '',
    projectId: env.HUAWEICLOUD_SDK_PROJECT_ID ?? '',
    endpoint: env.HUAWEICLOUD_OCR_ENDPOINT || undefined,
  };
}

async function expand(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (stat?.isDirectory()) {
      const entries = await fs.readdir(input, { withFileTypes: true });
      for (const e of entries.filter((x) => x.isFile() && !x.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name))) {
        files.push(path.join(input, e.name));
      }
    } else {
      files.push(input); // a missing file is reported by recognize() as an OcrError, like any other bad input
    }
  }
  return files;
}

function errorJson(err: unknown): { error: { code: string; message: string } } {
  if (isOcrError(err)) return { error: { code: err.code, message: err.message } };
  const message = err instanceof Error ? err.message : String(err);
  return { error: { code: err instanceof TypeError ? 'INVALID_OPTION' : 'ENGINE_FAILED', message } };
}

async function main(argv: string[]): Promise<number> {
  let args: CliArgs | 'help';
  try {
    args = parse(argv);
  } catch (err) {
    process.stdout.write(JSON.stringify({ error: { code: 'INVALID_OPTION', message: (err as Error).message } }) + '\n');
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const { options, pretty } = args;
  const indent = pretty ? 2 : undefined;
  const multiple = args.files.length > 1 || (await fs.stat(args.files[0]).catch(() => null))?.isDirectory() === true;

  if ((args.pdfOut !== undefined || args.tablesOut !== undefined) && multiple) {
    process.stdout.write(JSON.stringify({ error: { code: 'INVALID_OPTION', message: `${args.pdfOut !== undefined ? '--pdf-out' : '--tables-out'} takes one file, not a directory.` } }) + '\n');
    return 2;
  }
  if (!multiple) {
    try {
      let result;
      if (args.pdfOut !== undefined) {
        const made = await makeSearchablePdf(args.files[0], options);
        await fs.writeFile(args.pdfOut, made.pdf);
        result = made.result;
      } else result = await recognize(args.files[0], options);
      if (args.tablesOut !== undefined) await fs.writeFile(args.tablesOut, /\.csv$/i.test(args.tablesOut) ? tablesToCsv(result) : await tablesToXlsx(result));
      process.stdout.write(JSON.stringify(result, null, indent) + '\n');
      return 0;
    } catch (err) {
      process.stdout.write(JSON.stringify(errorJson(err), null, indent) + '\n');
      return 2;
    }
  }

  // JSON Lines: files run concurrently through the pool, lines come out in input order as soon as they can.
  const files = await expand(args.files);
  const done: Array<string | undefined> = new Array(files.length);
  let printed = 0;
  let failures = 0;
  let next = 0;
  const flush = () => {
    while (printed < files.length && done[printed] !== undefined) process.stdout.write(done[printed++] + '\n');
  };
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      try {
        const result = await recognize(files[i], options);
        done[i] = JSON.stringify({ file: files[i], ...result });
      } catch (err) {
        failures++;
        done[i] = JSON.stringify({ file: files[i], ...errorJson(err) });
      }
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(poolSize(), files.length) }, worker));
  return failures > 0 ? 2 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then(async (code) => {
      await shutdown();
      process.exitCode = code;
    })
    .catch(async (err) => {
      process.stdout.write(JSON.stringify(errorJson(err instanceof OcrError ? err : new OcrError('ENGINE_FAILED', String(err)))) + '\n');
      await shutdown().catch(() => undefined);
      process.exitCode = 2;
    });
}

export { main };
