import { DEFAULT_RETRY_POLICY, retryDelayMs, sleep, type RetryPolicy } from './backoff';
import { errorFromResponse, JetJobsError } from './jetjobs-error';

/** Where the gateway is and who is calling. */
export interface TransportOptions {
  /** The gateway, e.g. `http://127.0.0.1:8080`. */
  readonly baseUrl: string;
  /** A bearer JWT (`jetjobs token`). */
  readonly token?: string;
  /** An API key (`jj_<id>_<secret>`); sent the same way as a token. */
  readonly apiKey?: string;
  readonly retry?: Partial<RetryPolicy>;
  /** Replaces the global `fetch` (a proxy agent, instrumentation). */
  readonly fetch?: typeof fetch;
}

/** One request; `retry` says whether repeating it is safe (reads, submits with a key). */
export interface RequestSpec {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Record<string, string | undefined>;
  readonly headers?: Record<string, string>;
  readonly body?: RequestInit['body'];
  readonly json?: unknown;
  readonly signal?: AbortSignal;
  readonly retry: boolean;
}

/** The HTTP layer every API of the client shares: credentials, errors, retries. */
export class HttpTransport {
  readonly baseUrl: string;
  private readonly credential: string | undefined;
  private readonly policy: RetryPolicy;
  private readonly fetchFn: typeof fetch;

  constructor(options: TransportOptions) {
    if (options.token && options.apiKey) throw new TypeError('JetJobs: give token or apiKey, not both');
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.credential = options.token ?? options.apiKey;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The request's answer as JSON; a non-2xx answer throws `JetJobsError`. */
  async json<T>(spec: RequestSpec): Promise<T> {
    const response = await this.send(spec);
    return (await response.json()) as T;
  }

  /**
   * Sends, retrying 429 and 503 (and an unreachable gateway) when `spec.retry` allows, after
   * `Retry-After` or an exponential delay. Resolves to a 2xx response; throws otherwise.
   */
  async send(spec: RequestSpec): Promise<Response> {
    for (let retry = 0; ; retry++) {
      let failure: JetJobsError;
      try {
        const response = await this.fetchFn(this.url(spec.path, spec.query), this.init(spec));
        if (response.ok) return response;
        failure = await errorFromResponse(response);
        if (failure.status !== 429 && failure.status !== 503) throw failure;
      } catch (error) {
        if (error instanceof JetJobsError) throw error;
        if (spec.signal?.aborted) throw spec.signal.reason;
        failure = new JetJobsError(0, 'network_error', `cannot reach ${this.baseUrl}: ${describe(error)}`, { cause: error });
      }
      if (!spec.retry || retry >= this.policy.maxRetries) throw failure;
      await sleep(retryDelayMs(this.policy, retry, failure.retryAfterSeconds), spec.signal);
    }
  }

  /** Headers every request carries. */
  headers(extra: Record<string, string> = {}): Record<string, string> {
    return this.credential ? { authorization: `Bearer ${this.credential}`, ...extra } : { ...extra };
  }

  /** An absolute URL on the gateway. */
  url(path: string, query: Record<string, string | undefined> = {}): string {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
    return url.toString();
  }

  /** The underlying fetch, for streams that manage their own reconnection. */
  get fetch(): typeof fetch {
    return this.fetchFn;
  }

  private init(spec: RequestSpec): RequestInit & { duplex?: 'half' } {
    const headers = this.headers({ accept: 'application/json', ...spec.headers });
    if (spec.json !== undefined) {
      return { method: spec.method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(spec.json), signal: spec.signal };
    }
    // A streamed body (an upload) needs half duplex in Node's fetch.
    const duplex = spec.body instanceof ReadableStream ? { duplex: 'half' as const } : {};
    return { method: spec.method, headers, body: spec.body, signal: spec.signal, ...duplex };
  }
}

/** The reason inside fetch's generic "fetch failed". */
export function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
