import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');

/** A service process of the system under test; its output is kept for the error message. */
export interface Service {
  readonly name: string;
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export function startService(name: string, script: string, env: Record<string, string>): Service {
  const child = spawn(process.execPath, [resolve(ROOT, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    name,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
}

/** Polls `ready` until it resolves true; fails with the services' output after `timeoutMs`. */
export async function waitUntil(ready: () => Promise<boolean>, services: readonly Service[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const service of services) {
      if (service.child.exitCode !== null) throw new Error(`${service.name} exited early:\n${service.output()}`);
    }
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`services not ready after ${timeoutMs} ms:\n${services.map((s) => `--- ${s.name}\n${s.output()}`).join('\n')}`);
}

/** Resident memory of a process in bytes (Linux /proc), for per-connection memory figures. */
export async function rssOf(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}
