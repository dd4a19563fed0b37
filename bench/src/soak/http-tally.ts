import { percentile, round } from '../common/stats';

/**
 * Outcome of one request: an HTTP status; `network` when no answer came back (with the socket
 * error's code, e.g. `network ECONNRESET`); `non-json` for an unreadable body; for SSE,
 * `sse-out-of-order` (a version gap or repeat) and `sse-ended-early` (the stream closed before
 * the job's terminal event).
 */
export type Outcome = number | 'network' | `network ${string}` | 'non-json' | 'sse-out-of-order' | 'sse-ended-early';

export interface ErrorRecord {
  /** Seconds since the load started. */
  readonly atSeconds: number;
  readonly route: string;
  readonly outcome: string;
}

export interface LatencyWindow {
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * Counts every request the soak makes by route and outcome. A non-2xx answer is an error unless
 * the caller declared it expected (a cancel that lost the race with completion gets 409); each
 * error keeps its time so the verdict can compare the start of the run with its end.
 */
export class HttpTally {
  readonly requests: Record<string, number> = {};
  readonly expected: Record<string, number> = {};
  readonly errors: ErrorRecord[] = [];
  private window: number[] = [];

  constructor(private readonly startedAt: number) {}

  /** One outcome; `latencyMs` null for what is not a request's latency (an SSE stream, a check). */
  record(route: string, outcome: Outcome, latencyMs: number | null, expectedStatuses: readonly number[] = []): void {
    if (typeof outcome === 'number' || outcome.startsWith('network') || outcome === 'non-json') this.requests[route] = (this.requests[route] ?? 0) + 1;
    if (latencyMs !== null) this.window.push(latencyMs);
    if (typeof outcome === 'number' && outcome >= 200 && outcome < 300) return;
    if (typeof outcome === 'number' && expectedStatuses.includes(outcome)) {
      const key = `${route} ${outcome}`;
      this.expected[key] = (this.expected[key] ?? 0) + 1;
      return;
    }
    this.errors.push({ atSeconds: (Date.now() - this.startedAt) / 1000, route, outcome: String(outcome) });
  }

  /** Latency of the requests answered since the previous call. */
  drainWindow(): LatencyWindow {
    const window = this.window;
    this.window = [];
    return { requests: window.length, p50Ms: round(percentile(window, 50) || 0), p99Ms: round(percentile(window, 99) || 0) };
  }

  /** Errors by outcome (`500`, `network`, ...) and by route. */
  errorCounts(): { byOutcome: Record<string, number>; byRoute: Record<string, number> } {
    const byOutcome: Record<string, number> = {};
    const byRoute: Record<string, number> = {};
    for (const error of this.errors) {
      byOutcome[error.outcome] = (byOutcome[error.outcome] ?? 0) + 1;
      byRoute[error.route] = (byRoute[error.route] ?? 0) + 1;
    }
    return { byOutcome, byRoute };
  }
}
