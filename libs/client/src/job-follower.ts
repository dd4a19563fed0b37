import { retryDelayMs, sleep } from './backoff';
import type { HttpTransport } from './http-transport';
import { describe } from './http-transport';
import { errorFromResponse, JetJobsError } from './jetjobs-error';
import { isTerminalEvent, type JobStreamEvent } from './job-types';
import { sseMessages } from './sse-messages';

/** Options of `jobs.follow`. */
export interface FollowOptions {
  /** Stops following; the iterator then ends quietly. */
  readonly signal?: AbortSignal;
  /** The last version the caller already has; events after it are yielded (default 0: all). */
  readonly afterVersion?: number;
  /** How long the gateway may stay unreachable before following gives up (default 2 minutes). */
  readonly giveUpAfterMs?: number;
  /** Told before each reconnection, e.g. to show "reconnecting" in a terminal. */
  readonly onReconnect?: (info: { readonly afterVersion: number; readonly reason: string }) => void;
}

const RECONNECT_POLICY = { maxRetries: Infinity, baseDelayMs: 200, maxDelayMs: 2_000 };

/**
 * A job's events from `GET /v1/jobs/:id/events`, in version order, each exactly once, until the
 * terminal event. A dropped connection (gateway restart, proxy timeout) is resumed with
 * `Last-Event-ID` = the last version yielded; a version arriving out of order is never yielded:
 * the stream is reopened after the last one instead. 4xx answers (but 429) end it with
 * `JetJobsError`.
 */
export async function* followJob(transport: HttpTransport, jobId: string, options: FollowOptions = {}): AsyncGenerator<JobStreamEvent> {
  const { signal, giveUpAfterMs = 120_000 } = options;
  let lastVersion = options.afterVersion ?? 0;
  let failingSince: number | null = null;
  for (let retry = 0; ; retry++) {
    let reason: string;
    let retryAfter: number | null = null;
    try {
      const response = await transport.fetch(transport.url(`/v1/jobs/${encodeURIComponent(jobId)}/events`), {
        headers: transport.headers(lastVersion > 0 ? { accept: 'text/event-stream', 'last-event-id': String(lastVersion) } : { accept: 'text/event-stream' }),
        signal,
      });
      if (!response.ok || response.body === null) {
        const error = await errorFromResponse(response);
        if (error.status >= 400 && error.status < 500 && error.status !== 429) throw error;
        retryAfter = error.retryAfterSeconds;
        reason = `the gateway answered ${error.status} ${error.code}`;
      } else {
        reason = 'the gateway ended the stream';
        for await (const message of sseMessages(response.body)) {
          const event = JSON.parse(message.data) as JobStreamEvent;
          if (event.version <= lastVersion) continue;
          if (event.version !== lastVersion + 1) {
            reason = `version ${event.version} arrived after ${lastVersion}`;
            break;
          }
          // Only a stream that delivered something resets the give-up clock and the backoff.
          failingSince = null;
          retry = 0;
          lastVersion = event.version;
          yield event;
          if (isTerminalEvent(event)) return;
        }
      }
    } catch (error) {
      if (signal?.aborted) return;
      if (error instanceof JetJobsError) throw error;
      reason = describe(error);
    }
    failingSince ??= Date.now();
    if (Date.now() - failingSince > giveUpAfterMs) {
      throw new JetJobsError(0, 'network_error', `gave up following job ${jobId} after ${giveUpAfterMs} ms: ${reason}`);
    }
    options.onReconnect?.({ afterVersion: lastVersion, reason });
    try {
      await sleep(retryDelayMs(RECONNECT_POLICY, Math.min(retry, 10), retryAfter), signal);
    } catch {
      return;
    }
  }
}
