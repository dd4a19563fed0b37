import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** The built CLI (`npx tsc -b apps/cli`; `npm test` builds before Jest runs). */
export const CLI_MAIN = resolve(__dirname, '../../../apps/cli/dist/main.js');

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running CLI process whose output a test reads as it comes. */
export interface CliProcess {
  readonly child: ChildProcess;
  /** Complete stdout lines so far. */
  readonly lines: string[];
  stderr(): string;
  /** Resolves with every stdout line up to the first that matches (waits on output, not a clock). */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string[]>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<CliResult>;
}

/** Starts `node apps/cli/dist/main.js <args>` with the given environment on top of the test's. */
export function startCliProcess(args: readonly string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [CLI_MAIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    partial += chunk.toString('utf8');
    const complete = partial.split('\n');
    partial = complete.pop() ?? '';
    lines.push(...complete);
    for (const wake of [...waiters]) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<CliResult>((done) => {
    child.once('close', (code, signal) => {
      for (const wake of [...waiters]) wake();
      done({ code, signal, stdout, stderr });
    });
  });
  const waitForLine = (match: (line: string) => boolean, timeoutMs = 20_000) =>
    new Promise<string[]>((resolveLines, reject) => {
      const check = () => {
        const index = lines.findIndex(match);
        if (index >= 0) return finish(() => resolveLines(lines.slice(0, index + 1)));
        if (child.exitCode !== null || child.signalCode !== null) {
          finish(() => reject(new Error(`CLI exited before the expected line; stdout:\n${stdout}\nstderr:\n${stderr}`)));
        }
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`No matching CLI line within ${timeoutMs} ms; stdout:\n${stdout}\nstderr:\n${stderr}`))), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });
  return { child, lines, stderr: () => stderr, waitForLine, exited };
}

/** Runs the CLI to completion. */
export function runCliProcess(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  return startCliProcess(args, env).exited;
}
