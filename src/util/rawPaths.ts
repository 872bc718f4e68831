import { readFileSync } from 'node:fs';

/**
 * File names are bytes on Linux, and mail clients save attachments under the bytes they were sent in (GBK from
 * Chinese mailers, Latin-1 from old European ones). Node decodes its arguments as UTF-8, turning every invalid
 * byte into U+FFFD, after which the file cannot be opened by that name. The raw arguments are still in
 * /proc/self/cmdline; where an argument lost bytes, it is taken from there, as a Buffer path fs accepts.
 */
export function rawArguments(args: string[]): Array<string | Buffer> {
  if (!args.some((a) => a.includes('\ufffd'))) return args;
  let raw: Buffer[];
  try {
    const cmdline = readFileSync('/proc/self/cmdline');
    raw = [];
    for (let start = 0; start < cmdline.length;) {
      const end = cmdline.indexOf(0, start);
      raw.push(cmdline.subarray(start, end < 0 ? cmdline.length : end));
      start = end < 0 ? cmdline.length : end + 1;
    }
  } catch {
    return args; // not Linux, or no /proc: the names stay as Node decoded them
  }
  // process.argv.slice(2) is the tail of the command line (node's own options and the script come first)
  const tail = raw.slice(raw.length - args.length);
  if (tail.length !== args.length) return args;
  return args.map((a, i) => (a.includes('\ufffd') && tail[i].toString('utf8') === a ? Buffer.from(tail[i]) : a));
}

/** A name for messages and JSON: UTF-8 where it is, else GB18030 (GBK's superset), else Windows-1252. */
export function displayName(name: string | Buffer): string {
  if (typeof name === 'string') return name;
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(name);
    } catch {
      // not this encoding
    }
  }
  return new TextDecoder('windows-1252').decode(name);
}
