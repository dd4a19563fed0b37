import { CodedError } from '@jetjobs/contracts';

/**
 * A transfer that went quiet: the server accepted the connection (or sent part of the body) and
 * then sent nothing for the idle limit. Retrying may succeed, so it is `unavailable`.
 */
export class TransferStalledError extends CodedError {
  constructor(
    host: string,
    readonly idleMs: number,
  ) {
    super('unavailable', `The source stalled: ${host} sent nothing for ${formatSeconds(idleMs)}`);
    this.name = 'TransferStalledError';
  }
}

/** Raised as the abort reason; the host is added where the failure is described. */
export const STALLED_REASON = 'TransferStalled';

/**
 * Aborts its signal when `kick` has not been called for `idleMs`. Each hop's connection, the
 * response headers and every body chunk kick it, so only silence ends a slow but moving transfer.
 */
export class IdleWatchdog {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly idleMs: number) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  kick(): void {
    if (this.controller.signal.aborted) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.controller.abort(Object.assign(new Error('the transfer went idle'), { name: STALLED_REASON, idleMs: this.idleMs })), this.idleMs);
    // A watchdog must never keep the process alive by itself.
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
