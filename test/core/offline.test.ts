import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/paths';

/**
 * Nothing leaves the machine, and nothing is written outside the OS temp dir: a user's run (every input kind,
 * both engines, pdf.js, sharp, the canvas, then the workers idle past the moment onnxruntime's telemetry
 * uploader wakes) traced by strace from outside, every process and thread, inside a network namespace with no
 * network (`unshare -n`), with a fresh HOME, working directory and TMPDIR.
 *
 * Beside it, the same run with the documented opt-in (LOCAL_OCR_ONNX_TELEMETRY=1) is the control: it shows
 * onnxruntime's telemetry folder in HOME and its DNS attempt, so the trace is known to see what it looks for.
 */
const RUN = path.join(ROOT, 'dist', 'test', 'helpers', 'offlineRun.js');
const IDLE_MS = 30_000;
const can = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const hasStrace = can('strace', ['-V']);
const hasNetns = can('unshare', ['-n', 'true']);
/**
 * onnxruntime 1.30 keeps its telemetry quiet when it sees one of these (seen: CI=true, GITHUB_ACTIONS, JENKINS_URL
 * each leave HOME empty), so under a CI runner the control would show nothing and the plain run would prove nothing.
 * Both runs go without them: a user's machine, where telemetry is on unless we turn it off.
 */
const CI_MARKERS = [
  'CI',
  'TF_BUILD',
  'GITHUB_ACTIONS',
  'GITLAB_CI',
  'CIRCLECI',
  'TRAVIS',
  'JENKINS_URL',
  'CODEBUILD_BUILD_ID',
  'BUILDKITE',
  'TEAMCITY_VERSION',
  'APPVEYOR',
  'BITBUCKET_BUILD_NUMBER',
];
const TRACED =
  'openat,open,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,link,linkat,symlink,symlinkat,truncate,socket,connect,sendto,sendmsg,bind';

interface Traced {
  stdout: string;
  stderr: string;
  code: number | null;
  trace: string[];
  home: string;
  cwd: string;
  tmp: string;
}

function tracedRun(env: NodeJS.ProcessEnv): Promise<Traced> {
  const base = mkdtempSync(path.join(os.tmpdir(), 'local-ocr-offline-'));
  const [home, cwd, tmp] = ['home', 'cwd', 'tmp'].map((d) => path.join(base, d));
  for (const d of [home, cwd, tmp]) mkdirSync(d);
  const traceFile = path.join(base, 'trace.txt');
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(XDG_|LOCAL_OCR_|ORT_|NODE_OPTIONS$)/.test(k) && !CI_MARKERS.includes(k)));
  const argv = [...(hasNetns ? ['unshare', '-n'] : []), 'strace', '-f', '-qq', '-e', `trace=${TRACED}`, '-o', traceFile, process.execPath, RUN];
  const child = spawn(argv[0], argv.slice(1), { cwd, env: { ...clean, HOME: home, TMPDIR: tmp, LOCAL_OCR_OFFLINE_IDLE_MS: String(IDLE_MS), ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => {
    child.on('close', (code) => resolve({ stdout, stderr, code, trace: readFileSync(traceFile, 'utf8').split('\n'), home, cwd, tmp }));
  });
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String);
}

/** Trace lines that write, create, rename or remove a path outside `tmp` (the devices and /proc apart). */
function writesOutside(trace: string[], tmp: string): string[] {
  return trace.filter((l) => {
    const m = /^\d+\s+(\w+)\((?:AT_FDCWD|\d+)?,?\s*"([^"]*)"(.*)$/.exec(l);
    if (!m) return false;
    const [, call, file, rest] = m;
    const writes = call === 'open' || call === 'openat' ? /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC/.test(rest) : call !== 'socket';
    if (!writes) return false;
    // symlink(target, link) and rename(from, to): the path written is the second one
    const second = /^,\s*(?:AT_FDCWD,\s*)?"([^"]*)"/.exec(rest)?.[1];
    const written = call.startsWith('symlink') || call.startsWith('link') || call.startsWith('rename') ? (second ?? file) : file;
    return !(written.startsWith(tmp + '/') || written.startsWith('/dev/') || written.startsWith('/proc/'));
  });
}

/** Sockets that are not local pipes: what a network attempt (DNS first) starts with. */
function networkCalls(trace: string[]): string[] {
  return trace.filter((l) => /\b(socket|connect|sendto|sendmsg|bind)\(/.test(l) && /AF_INET6?|AF_PACKET|htons\(53\)/.test(l));
}

const describeIf = hasStrace ? describe : describe.skip;

describeIf(`offline: nothing sent, nothing written outside the temp dir (${hasNetns ? 'no-network namespace' : 'host network'}, strace)`, () => {
  let plain: Traced;
  let optIn: Traced;
  beforeAll(async () => {
    // both at once: each spends most of its time idle; the host's ORT_DISABLE_TELEMETRY=0 must not turn it back on
    [plain, optIn] = await Promise.all([tracedRun({ ORT_DISABLE_TELEMETRY: '0' }), tracedRun({ LOCAL_OCR_ONNX_TELEMETRY: '1' })]);
  }, 240_000);
  afterAll(() => {
    for (const r of [plain, optIn]) if (r) rmSync(path.dirname(r.home), { recursive: true, force: true });
  });

  test('the run reads every document and ends by itself', () => {
    expect(plain.code).toBe(0);
    const read = JSON.parse(plain.stdout.trim()) as Record<string, number | string>;
    expect(Object.keys(read)).toHaveLength(13);
    for (const [file, v] of Object.entries(read)) expect({ file, read: typeof v === 'number' && v > 0 }).toEqual({ file, read: true });
    expect(plain.trace.length).toBeGreaterThan(100); // the trace saw the run
  });

  test('nothing in HOME, nothing in the working directory, no file written outside TMPDIR', () => {
    expect(filesUnder(plain.home)).toEqual([]);
    expect(filesUnder(plain.cwd)).toEqual([]);
    expect(writesOutside(plain.trace, plain.tmp)).toEqual([]);
  });

  test('no socket but local pipes: no DNS lookup, no connection', () => {
    expect(networkCalls(plain.trace)).toEqual([]);
  });

  test('control: with LOCAL_OCR_ONNX_TELEMETRY=1 onnxruntime writes its telemetry folder and tries DNS, and the trace sees both', () => {
    expect(optIn.code).toBe(0);
    expect(filesUnder(optIn.home)).toContain(path.join('.cache', 'Microsoft', 'DeveloperTools', '.onnxruntime', 'deviceid'));
    expect(writesOutside(optIn.trace, optIn.tmp).some((l) => l.includes('/.cache/Microsoft/DeveloperTools'))).toBe(true);
    expect(networkCalls(optIn.trace).length).toBeGreaterThan(0);
  });
});
