import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { currentToolLimits, limitedCommand, type ToolLimits } from './tool-limits';
import { traceToolRun } from './tool-span';

export interface RunOptions {
  /** Kills the process (SIGKILL) when the job is cancelled or the worker stops. */
  readonly signal?: AbortSignal;
  /** Called with each line the tool writes to stderr (ffmpeg reports progress there). */
  readonly onStderrLine?: (line: string) => void;
  /** Overrides of the process-wide limits (`setToolLimits`) for this run. */
  readonly limits?: Partial<ToolLimits>;
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
  const limits = currentToolLimits(options.limits);
  const line = limitedCommand(command, args, limits);
  // Its own process group, so a kill reaches whatever the tool itself started.
  const child = spawn(line.file, line.args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  traceToolRun(child, command);
  const killGroup = (why: KillReason) => {
    kills.set(child, why);
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL'); // the group is already gone
    }
  };
  const onAbort = () => killGroup('aborted');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = limits.timeoutMs > 0 ? setTimeout(() => killGroup('timeout'), limits.timeoutMs) : null;
  child.once('exit', () => {
    options.signal?.removeEventListener('abort', onAbort);
    if (timer) clearTimeout(timer);
  });
  return child;
}

type KillReason = 'aborted' | 'timeout';
/** Why this module killed a child, so `finished` can tell a timeout from a crash. */
const kills = new WeakMap<ToolProcess, KillReason>();

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
      // 127 is the shell's "not found" when the tool runs under limits: the same as a failed spawn.
      if (code === 127 && tail.some((line) => line.endsWith(`${command}: not found`))) {
        return reject(new Error(`${command} could not start: not found. Is it installed?`));
      }
      const reason: ToolFailureReason = kills.get(child) === 'timeout' ? 'timeout' : signal ? 'resource_limit' : 'exit';
      const why = reason === 'timeout' ? 'ran past its time limit' : signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const stderrTail = tail.filter(Boolean).slice(-5).join(' | ');
      reject(new ToolFailedError(command, `${command} ${why}: ${stderrTail}`, reason, stderrTail));
    });
  });
}

/**
 * `timeout`: killed here after `timeoutMs`; `resource_limit`: killed by a signal it was not sent
 * from here (its CPU limit, the kernel's out-of-memory killer); `exit`: it gave up by itself.
 */
export type ToolFailureReason = 'exit' | 'timeout' | 'resource_limit';

/**
 * A tool that failed. Its message holds the tool's own words (stderr, paths, pointers): for the
 * service log only. `describeToolFailure` turns it into something a client may read.
 */
export class ToolFailedError extends Error {
  constructor(
    readonly command: string,
    message: string,
    readonly reason: ToolFailureReason = 'exit',
    readonly stderrTail = '',
  ) {
    super(message);
    this.name = 'ToolFailedError';
  }
}
