import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { CodedError } from '@jetjobs/contracts';
import { checkUrl, type UrlCheckOptions } from './check-url';
import { connectChecked, failureOf } from './connect-checked';
import { IdleWatchdog } from './idle-watchdog';
import { limitedBody, readAll } from './limited-body';

export interface SafeFetchOptions extends UrlCheckOptions {
  /** Largest body accepted; a bigger one fails with `payload_too_large`. */
  readonly maxBytes: number;
  /** Time for the whole exchange: every hop, and the body. */
  readonly timeoutMs: number;
  /**
   * Longest silence accepted: from connecting until the headers, and between body chunks. A
   * server that goes quiet fails with `TransferStalledError` long before `timeoutMs`. Unset: none.
   */
  readonly idleTimeoutMs?: number;
  /** Redirects followed before giving up; 0 refuses any. */
  readonly maxRedirects: number;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Cancels the exchange (e.g. a job being cancelled). */
  readonly signal?: AbortSignal;
}

export interface SafeResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Where the response finally came from, after redirects. */
  readonly url: URL;
  /** The body, bounded by `maxBytes`: the stream fails once it passes the limit. */
  readonly body: Readable;
  /** Reads the whole (bounded) body. */
  bytes(): Promise<Buffer>;
  text(): Promise<string>;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Credentials meant for one origin must not follow a redirect to another. */
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * An HTTP request to a URL supplied by a client, safe against server-side request forgery: every
 * hop (the URL and each redirect) is checked like `assertPublicHttpUrl`, and the connection goes
 * to an address that passed the check, with the Host header and TLS server name set from the URL.
 * Resolving once and connecting to what was checked means a DNS answer that changes between the
 * check and the connection (DNS rebinding) cannot reach a private address.
 *
 * @throws CodedError `validation_failed` (refused URL, too many redirects), `payload_too_large`,
 * or `unavailable` (unreachable, timed out; `TransferStalledError` when it went idle).
 */
export async function safeFetch(raw: string, options: SafeFetchOptions): Promise<SafeResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const idle = options.idleTimeoutMs === undefined ? null : new IdleWatchdog(options.idleTimeoutMs);
  const signals = [timeout, idle?.signal, options.signal].filter((s): s is AbortSignal => s !== undefined);
  const signal = AbortSignal.any(signals);
  try {
    return await exchange(raw, options, signal, idle);
  } catch (error) {
    idle?.stop();
    throw error;
  }
}

async function exchange(raw: string, options: SafeFetchOptions, signal: AbortSignal, idle: IdleWatchdog | null): Promise<SafeResponse> {
  let target = raw;
  let method = (options.method ?? 'GET').toUpperCase();
  let body = options.body;
  let headers = { ...options.headers };
  let origin: string | null = null;
  for (let redirects = 0; ; redirects++) {
    const checked = await checkUrl(target, options);
    if (origin !== null && checked.url.origin !== origin) headers = withoutOriginBound(headers);
    origin = checked.url.origin;
    idle?.kick();
    const response = await connectChecked(checked, { method, headers, body, signal }, options.timeoutMs);
    idle?.kick();
    const location = response.headers.location;
    if (!REDIRECT_STATUSES.has(response.statusCode ?? 0) || location === undefined) {
      return toSafeResponse(response, checked.url, options.maxBytes, (error) => failureOf(error, signal, checked.url, options.timeoutMs), idle);
    }
    response.resume();
    if (redirects >= options.maxRedirects) {
      throw new CodedError('validation_failed', `${checked.url.host} redirected more than ${options.maxRedirects} time(s): use the final URL`);
    }
    target = new URL(location, checked.url).toString();
    // As browsers do: 303, and 301/302 after a POST, continue as a GET without the body.
    if (response.statusCode === 303 || (method === 'POST' && (response.statusCode === 301 || response.statusCode === 302))) {
      method = 'GET';
      body = undefined;
    }
  }
}

function toSafeResponse(response: IncomingMessage, url: URL, maxBytes: number, failure: (error: unknown) => Error, idle: IdleWatchdog | null): SafeResponse {
  const body = limitedBody(response, maxBytes, url, failure, idle);
  return {
    status: response.statusCode ?? 0,
    headers: response.headers,
    url,
    body,
    bytes: () => readAll(body),
    text: async () => (await readAll(body)).toString('utf8'),
  };
}

function withoutOriginBound(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !ORIGIN_BOUND_HEADERS.includes(name.toLowerCase())));
}
