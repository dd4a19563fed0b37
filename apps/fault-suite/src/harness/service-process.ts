import { resolve } from 'node:path';
import { ROOT } from './data-dir';
import { ManagedProcess } from './managed-process';

/** The services under test, as built by `tsc -b tsconfig.build.json`. */
export const SERVICE_MAINS = {
  'job-registry': 'apps/job-registry/dist/main.js',
  gateway: 'apps/gateway/dist/main.js',
  'echo-worker': 'apps/echo-worker/dist/main.js',
} as const;

export type ServiceName = keyof typeof SERVICE_MAINS;

/**
 * One service of the stack as a real process, restartable with the same environment: a fault
 * kills or stops the current process, `start` brings up its successor.
 */
export class ServiceProcess {
  private current: ManagedProcess | null = null;
  private readonly earlier: string[] = [];

  constructor(
    readonly name: ServiceName,
    private readonly env: Readonly<Record<string, string>>,
    /** Which replica this is, where a stack runs several of one service (`gateway-2`). */
    readonly label: string = name,
  ) {}

  get process(): ManagedProcess {
    if (this.current === null) throw new Error(`${this.label} was never started`);
    return this.current;
  }

  start(): ManagedProcess {
    if (this.current) this.earlier.push(this.current.tail());
    this.current = ManagedProcess.start(this.label, process.execPath, [resolve(ROOT, SERVICE_MAINS[this.name])], {
      env: { ...process.env, ...this.env },
    });
    return this.current;
  }

  /** Whether the running process ended without being asked to. */
  get exitedOnItsOwn(): boolean {
    return this.current?.exitedOnItsOwn ?? false;
  }

  /** Every process's output so far, oldest first: what a failure message needs. */
  history(): string {
    return [...this.earlier, this.current?.tail() ?? ''].map((text, i) => `--- ${this.label} #${i + 1}\n${text}`).join('\n');
  }
}
