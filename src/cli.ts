#!/usr/bin/env node
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeSearchablePdf, recognize, shutdown, tablesToCsv, tablesToXlsx } from './index';
import { OcrError, describeError } from './errors';
import type { RecognizeOptions } from './options';
import { poolSize } from './engines/registry';
import { resolveOptions } from './options';
import { displayName, rawArguments } from './util/rawPaths';

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

/** A path as typed, or its raw bytes where they are not UTF-8 (util/rawPaths.ts). */
type CliPath = string | Buffer;

interface CliArgs {
  files: CliPath[];
  options: RecognizeOptions;
  pretty: boolean;
  pdfOut?: string;
  tablesOut?: string;
}

function parse(argv: string[]): CliArgs | 'help' {
  const raw = rawArguments(argv);
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    tokens: true,
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
  const files = tokens.filter((t) => t.kind === 'positional').map((t) => raw[t.index] ?? argv[t.index]);
  return { files, options, pretty: Boolean(values.pretty), pdfOut: values['pdf-out'], tablesOut };
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

async function expand(inputs: CliPath[]): Promise<CliPath[]> {
  const files: CliPath[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (stat?.isDirectory()) {
      // names as bytes: a folder of mail attachments holds names in GBK or Latin-1 as often as in UTF-8
      const entries = await fs.readdir(input, { withFileTypes: true, encoding: 'buffer' });
      const named = entries.filter((x) => x.isFile() && x.name[0] !== 0x2e).map((e) => ({ e, shown: displayName(e.name) }));
      for (const { e } of named.sort((a, b) => a.shown.localeCompare(b.shown))) {
        const utf8 = e.name.toString('utf8');
        const dir = typeof input === 'string' ? input : input.toString('utf8');
        files.push(
          Buffer.from(utf8).equals(e.name) && typeof input === 'string'
            ? path.join(dir, utf8)
            : Buffer.concat([typeof input === 'string' ? Buffer.from(input) : input, Buffer.from('/'), e.name]),
        );
      }
    } else {
      files.push(input); // a missing file is reported by recognize() as an OcrError, like any other bad input
    }
  }
  return files;
}

/**
 * What recognize() is given for a path: the path itself, or for a name that is not UTF-8 its bytes read here
 * (held to maxBytes before reading), with the name shown as it decodes.
 */
async function inputOf(file: CliPath, options: RecognizeOptions): Promise<{ input: string | Buffer; options: RecognizeOptions }> {
  if (typeof file === 'string') return { input: file, options };
  const maxBytes = resolveOptions(options).maxBytes;
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) throw new OcrError('EMPTY_INPUT', `Nothing could be read from "${displayName(file)}": no such file.`);
  if (stat.size > maxBytes) throw new OcrError('TOO_LARGE', `"${displayName(file)}" is ${stat.size} bytes, above the ${maxBytes}-byte limit.`);
  return { input: await fs.readFile(file), options: { ...options, documentName: options.documentName ?? path.basename(displayName(file)) } };
}

function errorJson(err: unknown): { error: { code: string; message: string } } {
  return { error: describeError(err) };
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
  const read = (file: CliPath) => inputOf(file, options).then(({ input, options: o }) => recognize(input, o));

  if ((args.pdfOut !== undefined || args.tablesOut !== undefined) && multiple) {
    process.stdout.write(
      JSON.stringify({
        error: { code: 'INVALID_OPTION', message: `${args.pdfOut !== undefined ? '--pdf-out' : '--tables-out'} takes one file, not a directory.` },
      }) + '\n',
    );
    return 2;
  }
  if (!multiple) {
    try {
      let result;
      if (args.pdfOut !== undefined) {
        const { input, options: o } = await inputOf(args.files[0], options);
        const made = await makeSearchablePdf(input, o);
        await fs.writeFile(args.pdfOut, made.pdf);
        result = made.result;
      } else result = await read(args.files[0]);
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
        const result = await read(files[i]);
        done[i] = JSON.stringify({ file: displayName(files[i]), ...result });
      } catch (err) {
        failures++;
        done[i] = JSON.stringify({ file: displayName(files[i]), ...errorJson(err) });
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
