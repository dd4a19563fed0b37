import { openSse } from '@jetjobs/testing';

const TERMINAL_EVENTS: Record<string, 'completed' | 'failed' | 'cancelled'> = {
  JobCompleted: 'completed',
  JobFailed: 'failed',
  JobCancelled: 'cancelled',
};

/** How one followed job's event stream went. */
export interface FollowOutcome {
  /** HTTP status, or 0 when the connection failed before an answer. */
  readonly status: number;
  readonly events: number;
  /** Versions that did not follow the previous one by exactly one (a gap or a repeat). */
  readonly outOfOrder: number;
  /** Status named by the terminal event, or null when the stream ended (or was cut) without one. */
  readonly terminal: 'completed' | 'failed' | 'cancelled' | null;
  /** True when the soak cut the stream itself (end of the run). */
  readonly aborted: boolean;
}

/**
 * Follows one job's SSE stream from its first event to the end the server writes after the
 * terminal event, checking that versions arrive 1, 2, 3, ... with no gap and no repeat.
 */
export async function followJob(url: string, token: string, signal: AbortSignal): Promise<FollowOutcome> {
  let status = 0;
  let events = 0;
  let outOfOrder = 0;
  let terminal: FollowOutcome['terminal'] = null;
  let lastVersion = 0;
  try {
    const connection = await openSse(url, { authorization: `Bearer ${token}` });
    status = connection.status;
    const stop = () => connection.close();
    signal.addEventListener('abort', stop, { once: true });
    if (signal.aborted) stop();
    try {
      for await (const message of connection.messages) {
        if (message.id === null) continue;
        events += 1;
        if (Number(message.id) !== lastVersion + 1) outOfOrder += 1;
        lastVersion = Number(message.id);
        terminal = TERMINAL_EVENTS[message.event ?? ''] ?? terminal;
      }
    } finally {
      signal.removeEventListener('abort', stop);
    }
  } catch {
    // The connection failed or broke: the outcome says how far it got.
  }
  return { status, events, outOfOrder, terminal, aborted: signal.aborted };
}
