import { spawn } from 'node:child_process';

/** How a child process ended, with stdout and stderr interleaved as they came. */
export interface ChildRun {
  readonly code: number | null;
  readonly output: string;
}

/** Runs a command to its end (tests wait on its exit, not on a clock). */
export function runChild(command: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<ChildRun> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', (error) => (output += String(error)));
    child.on('close', (code) => done({ code, output }));
    child.stdin.end(options.input ?? '');
  });
}
