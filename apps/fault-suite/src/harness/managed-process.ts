import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { trackLeftover } from './leftovers';

const OUTPUT_TAIL = 8_000;

/**
 * A child process the suite owns: its output is kept (the tail) for failure messages, and it can
 * be killed with any signal and awaited, which is all a fault needs.
 */
export class ManagedProcess {
  private output = '';
  private failedToSpawn = false;
  private stopRequested = false;
  private readonly exit: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_TAIL);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    // An `error` (spawn failed) ends the process as surely as an exit does.
    const untrack = trackLeftover(() => this.stop('SIGKILL', 5_000));
    this.exit = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', (error) => {
        this.output += `\ncould not be run: ${error.message}`;
        this.failedToSpawn = true;
        resolve();
      });
    }).then(untrack);
  }

  static start(name: string, command: string, args: readonly string[], options: SpawnOptions = {}): ManagedProcess {
    // This process's env by default: under Jest, spawn's own default is the real process's env,
    // which ignores what a test file set (a PATH without nats-server, say).
    const env = options.env ?? process.env;
    return new ManagedProcess(name, spawn(command, args, { ...options, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get exited(): boolean {
    return this.failedToSpawn || this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Ended without the suite asking: a service that exits on its own has broken a promise. */
  get exitedOnItsOwn(): boolean {
    return this.exited && !this.stopRequested;
  }

  /** Sends `signal` without waiting (SIGSTOP and SIGCONT: a hung process, then a woken one). */
  signal(signal: NodeJS.Signals): void {
    if (!this.exited) this.child.kill(signal);
  }

  tail(): string {
    return this.output;
  }

  /** Resolves once `text` has appeared in the output; rejects if the process ends first. */
  async waitForOutput(text: string | RegExp, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const seen = () => (typeof text === 'string' ? this.output.includes(text) : text.test(this.output));
    while (!seen()) {
      if (this.exited) throw new Error(`${this.name} exited before printing ${String(text)}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not print ${String(text)} within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends `signal` and waits for the exit; a process still alive after `graceMs` is killed. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 25_000): Promise<void> {
    if (this.exited) return;
    this.stopRequested = true;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
  }
}
