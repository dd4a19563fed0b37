import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');

/** A built service (`tsc -b`) run as a process whose stdout is read as JSON log lines. */
export class JsonLogProcess {
  private buffer = '';
  private readonly parsed: Record<string, unknown>[] = [];
  /** Every byte written, for failure messages and checks of what must never be logged. */
  output = '';

  private constructor(readonly name: string, private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => this.take(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
    });
  }

  static start(main: string, env: Record<string, string>): JsonLogProcess {
    const child = spawn(process.execPath, [resolve(ROOT, main)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    return new JsonLogProcess(main, child);
  }

  /** The JSON lines so far; a line that is not JSON fails the test that reads it. */
  lines(): Record<string, unknown>[] {
    return this.parsed;
  }

  exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  async stop(): Promise<void> {
    if (this.exited()) return;
    const gone = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGTERM');
    await gone;
  }

  private take(text: string): void {
    this.output += text;
    const lines = (this.buffer + text).split('\n');
    this.buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        this.parsed.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        this.parsed.push({ not_json: line });
      }
    }
  }
}
