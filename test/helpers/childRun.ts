import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './paths';

export interface ChildOutcome {
  /** the error code the CLI printed, `result` for a result, or what went wrong with the process itself */
  outcome: string;
  ms: number;
  /** peak RSS of the CLI process in MiB (null when it died before it could say) */
  peakMiB: number | null;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const CLI = path.join(ROOT, 'dist', 'src', 'cli.js');
const PEAK = path.join(ROOT, 'dist', 'test', 'helpers', 'peakRss.js');

/** Bash's ANSI-C quoting of raw bytes: a file name that is not UTF-8 reaches the CLI's argv byte for byte. */
function shellQuoteBytes(bytes: Buffer): string {
  return `$'${[...bytes].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}'`;
}

/**
 * Runs the CLI on one file in its own process, as a user would, killed at `killAfterMs` whatever it is doing.
 * `file` is a path, or raw bytes for a name that is not UTF-8.
 */
export function runCli(file: string | Buffer, args: string[], killAfterMs: number, env: NodeJS.ProcessEnv = {}): Promise<ChildOutcome> {
  const started = Date.now();
  const nodeArgs = ['-r', PEAK, CLI];
  const child = Buffer.isBuffer(file)
    ? spawn(
        'bash',
        ['-c', `exec ${[process.execPath, ...nodeArgs].map((a) => `'${a}'`).join(' ')} ${shellQuoteBytes(file)} ${args.map((a) => `'${a}'`).join(' ')}`],
        { env: { ...process.env, ...env } },
      )
    : spawn(process.execPath, [...nodeArgs, file, ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) => {
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      const peak = /PEAK_RSS_KB=(\d+)/.exec(stderr);
      let outcome = signal ? `killed:${signal}` : `exit:${exitCode}`;
      try {
        const json = JSON.parse(stdout.trim().split('\n').pop() ?? '') as { error?: { code: string }; pages?: unknown[] };
        if (json.error) outcome = json.error.code;
        else if (Array.isArray(json.pages)) outcome = 'result';
      } catch {
        // no JSON: the process died or hung; outcome says how
      }
      resolve({ outcome, ms, peakMiB: peak ? Number(peak[1]) / 1024 : null, exitCode, signal, stdout, stderr });
    });
  });
}
