import type { CommandIo } from '../command';

/** Where a command writes: results on stdout, progress and warnings on stderr. */
export interface Terminal {
  out(text: string): void;
  err(text: string): void;
  /** A person watches stderr: progress can be redrawn in place. */
  readonly errIsTTY: boolean;
  /** A person reads stdout: a live display can redraw in place. */
  readonly outIsTTY: boolean;
  readonly columns: number;
}

export function terminal(io: CommandIo): Terminal {
  return {
    out: io.stdout,
    err: (text) => process.stderr.write(text),
    errIsTTY: process.stderr.isTTY === true,
    outIsTTY: process.stdout.isTTY === true,
    columns: process.stdout.columns ?? 100,
  };
}

export const EXIT_INTERRUPTED = 130;

/**
 * Ctrl-C (or SIGTERM) asks the running command to stop at a safe point: the signal aborts, the
 * command finishes its current step, cleans up (consumers, transactions) and exits with 130. A
 * second Ctrl-C stops the process at once.
 */
export function interruption(): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
