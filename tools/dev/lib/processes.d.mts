// Types of processes.mjs, for the tests (TypeScript) that use it.
import type { ChildProcess } from 'node:child_process';

export interface TrackedChild {
  readonly child: ChildProcess;
  readonly exited: Promise<{ exitCode?: number | null; signal?: NodeJS.Signals | null; error?: Error }>;
  isRunning(): boolean;
  deathReason(): string | undefined;
  stop(graceMs?: number, signal?: NodeJS.Signals): Promise<void>;
}
export function spawnTracked(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; uid?: number; gid?: number; onLine: (line: string) => void },
): TrackedChild;
export function onShutdownSignal(handler: (signal: NodeJS.Signals) => unknown): void;
export const notStartedHere: () => Promise<undefined>;
