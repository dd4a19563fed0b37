/**
 * Bounds on every media tool a worker runs (ffmpeg, ffprobe, pocketsphinx…), so one hostile file
 * cannot hold a core, the memory or the picture buffers of a worker for days.
 */
export interface ToolLimits {
  /** Virtual memory of one tool process (RLIMIT_AS), in bytes; 0 for none. */
  readonly memoryBytes: number;
  /** CPU time of one tool process (RLIMIT_CPU), in seconds; 0 for none. */
  readonly cpuSeconds: number;
  /** Wall-clock time of one tool run, in milliseconds; 0 for none. */
  readonly timeoutMs: number;
  /** Largest picture (width × height) ffmpeg will decode, as its `-max_pixels`; 0 for ffmpeg's own. */
  readonly maxPixels: number;
}

export const NO_TOOL_LIMITS: ToolLimits = { memoryBytes: 0, cpuSeconds: 0, timeoutMs: 0, maxPixels: 0 };

let processLimits: ToolLimits = NO_TOOL_LIMITS;

/**
 * Sets the limits of every tool this process starts from now on. A worker calls it once at
 * start-up from its validated configuration; a run may still override them one by one.
 */
export function setToolLimits(limits: Partial<ToolLimits>): void {
  processLimits = { ...processLimits, ...limits };
}

export function currentToolLimits(overrides: Partial<ToolLimits> = {}): ToolLimits {
  return { ...processLimits, ...overrides };
}

/**
 * The command line that starts `command` under `limits`. Node cannot set rlimits on a child, so
 * the POSIX shell sets them and then `exec`s the tool in its place (same pid, so killing the
 * process group still reaches it). The arguments pass as positional parameters, never as shell
 * text. `-max_pixels` goes before each ffmpeg input: it is a decoder option, and a decode bomb
 * (a small file announcing 8192×8192 frames) must be refused before its buffers are allocated.
 */
export function limitedCommand(command: string, args: readonly string[], limits: ToolLimits): { file: string; args: string[] } {
  const toolArgs = limits.maxPixels > 0 && isFfmpeg(command) ? withMaxPixels(args, limits.maxPixels) : [...args];
  const ulimits: string[] = [];
  if (limits.memoryBytes > 0) ulimits.push(`ulimit -v ${Math.ceil(limits.memoryBytes / 1024)}`);
  if (limits.cpuSeconds > 0) ulimits.push(`ulimit -t ${Math.ceil(limits.cpuSeconds)}`);
  if (ulimits.length === 0) return { file: command, args: toolArgs };
  return { file: '/bin/sh', args: ['-c', `${ulimits.join('; ')}; exec "$0" "$@"`, command, ...toolArgs] };
}

function isFfmpeg(command: string): boolean {
  return command === 'ffmpeg' || command.endsWith('/ffmpeg');
}

function withMaxPixels(args: readonly string[], maxPixels: number): string[] {
  return args.flatMap((arg) => (arg === '-i' ? ['-max_pixels', String(maxPixels), arg] : [arg]));
}
