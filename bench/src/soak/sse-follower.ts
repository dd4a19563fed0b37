import { request } from 'node:http';

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
export function followJob(url: string, token: string, signal: AbortSignal): Promise<FollowOutcome> {
  return new Promise((resolve) => {
    let status = 0;
    let events = 0;
    let outOfOrder = 0;
    let terminal: FollowOutcome['terminal'] = null;
    let lastVersion = 0;
    let buffer = '';
    const finish = () => resolve({ status, events, outOfOrder, terminal, aborted: signal.aborted });
    const req = request(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, agent: false, signal }, (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (\d+)$/m.exec(frame)?.[1];
          if (id === undefined) continue;
          events += 1;
          if (Number(id) !== lastVersion + 1) outOfOrder += 1;
          lastVersion = Number(id);
          terminal = TERMINAL_EVENTS[/^event: (\S+)$/m.exec(frame)?.[1] ?? ''] ?? terminal;
        }
      });
      res.on('end', finish);
      res.on('error', finish);
      res.on('close', finish);
    });
    req.on('error', finish);
    req.end();
  });
}
