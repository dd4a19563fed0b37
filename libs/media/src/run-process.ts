import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface RunOptions {
  /** Kills the process (SIGKILL) when the job is cancelled or the worker stops. */
  readonly signal?: AbortSignal;
  /** Called with each line the tool writes to stderr (ffmpeg reports progress there). */
  readonly onStderrLine?: (line: string) => void;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

const STDERR_TAIL_LINES = 20;

/**
 * Runs a tool with an argument array (never a shell string) and collects its output. Rejects with
 * the last lines of stderr when it exits non-zero, and with the abort reason when aborted.
 */
export function runProcess(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const child = spawnTool(command, args, options);
  const stdout: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  return finished(child, command, options).then((stderr) => ({ stdout: Buffer.concat(stdout).toString('utf8'), stderr }));
}

export type ToolProcess = ChildProcessByStdio<null, Readable, Readable>;

/** Starts a tool whose stdout the caller streams (raw frames, PCM); `done` settles on exit. */
export function streamProcess(command: string, args: readonly string[], options: RunOptions = {}): { stdout: Readable; done: Promise<string> } {
  const child = spawnTool(command, args, options);
  return { stdout: child.stdout, done: finished(child, command, options) };
}

function spawnTool(command: string, args: readonly string[], options: RunOptions): ToolProcess {
  if (options.signal?.aborted) throw options.signal.reason;
  const child = spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = () => child.kill('SIGKILL');
  options.signal?.addEventListener('abort', kill, { once: true });
  child.once('exit', () => options.signal?.removeEventListener('abort', kill));
  return child;
}

function finished(child: ToolProcess, command: string, options: RunOptions): Promise<string> {
  const tail: string[] = [];
  let partial = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    const lines = (partial + chunk).split(/\r?\n|\r/);
    partial = lines.pop() ?? '';
    for (const line of lines) {
      options.onStderrLine?.(line);
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
    }
  });
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`${command} could not start: ${error.message}. Is it installed?`)));
    child.once('close', (code, signal) => {
      if (options.signal?.aborted) return reject(options.signal.reason);
      if (code === 0) return resolve(tail.join('\n'));
      const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(new ToolFailedError(command, `${command} ${why}: ${tail.filter(Boolean).slice(-5).join(' | ')}`));
    });
  });
}

export class ToolFailedError extends Error {
  constructor(
    readonly command: string,
    message: string,
  ) {
    super(message);
    this.name = 'ToolFailedError';
  }
}
