import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const MAINS = {
  'job-registry': 'apps/job-registry/dist/main.js',
  gateway: 'apps/gateway/dist/main.js',
  'echo-worker': 'apps/echo-worker/dist/main.js',
} as const;

export type ServiceName = keyof typeof MAINS;

/**
 * Services of a test as real processes built by `tsc -b` (so a process-wide fault, such as an exit,
 * is what it would be in production), with their output kept for assertions and failure messages.
 */
export class ServiceProcesses {
  private readonly running: { name: ServiceName; child: ChildProcess; output: () => string }[] = [];

  start(name: ServiceName, env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, [resolve(ROOT, MAINS[name])], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-64 * 1024);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.running.push({ name, child, output: () => output });
    return child;
  }

  /** The services that have exited, with their last output: empty while all are alive. */
  exited(): string[] {
    return this.running
      .filter(({ child }) => child.exitCode !== null || child.signalCode !== null)
      .map(({ name, child, output }) => `${name} exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.running.map(({ child }) => kill(child)));
  }
}

/** Resolves once `pattern` appears in the process's output; rejects if it exits first or in time. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 45_000): Promise<void> {
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(pattern)} within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolvePromise();
      }
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${String(pattern)}:\n${output}`));
    });
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolvePromise) => child.once('exit', resolvePromise));
  child.kill('SIGKILL');
  await exited;
}
