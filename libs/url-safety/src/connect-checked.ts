import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { CodedError } from '@jetjobs/contracts';
import type { CheckedUrl } from './check-url';
import { STALLED_REASON, TransferStalledError } from './idle-watchdog';
import { familyOf, formatIp, parseIp, type IpAddress } from './ip-address';

export interface CheckedRequestInit {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | undefined;
  readonly signal: AbortSignal;
}

/** Errors that say this address cannot be reached, so the host's next address may be tried. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ETIMEDOUT']);

/**
 * Sends the request to the checked addresses, in the resolver's order, until one answers. The
 * socket connects to the address itself, never to the name, so no second DNS lookup happens.
 */
export async function connectChecked(checked: CheckedUrl, init: CheckedRequestInit, timeoutMs: number): Promise<IncomingMessage> {
  let lastError: unknown;
  for (const address of checked.addresses) {
    try {
      return await requestAt(checked, address, init);
    } catch (error) {
      if (init.signal.aborted || !UNREACHABLE.has((error as { code?: string }).code ?? '')) throw failureOf(error, init.signal, checked.url, timeoutMs);
      lastError = error;
    }
  }
  throw failureOf(lastError, init.signal, checked.url, timeoutMs);
}

/**
 * What a failed exchange means to the caller: the caller's own abort as it is, a timeout or a
 * network failure as `unavailable` (worth retrying later).
 */
export function failureOf(error: unknown, signal: AbortSignal, url: URL, timeoutMs: number): Error {
  if (error instanceof CodedError) return error;
  if (signal.aborted) {
    // Matched by name: the reason is a DOMException, which is not always this realm's Error.
    const reason = signal.reason as { name?: unknown; idleMs?: number } | undefined;
    if (reason?.name === STALLED_REASON) return new TransferStalledError(url.host, reason.idleMs ?? 0);
    if (reason?.name === 'TimeoutError') return new CodedError('unavailable', `${url.host} did not answer within ${timeoutMs} ms`);
    return reason instanceof Error ? reason : Object.assign(new Error('The request was aborted'), { cause: reason });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new CodedError('unavailable', `Could not reach ${url.host}: ${detail}`);
}

function requestAt(checked: CheckedUrl, address: IpAddress, init: CheckedRequestInit): Promise<IncomingMessage> {
  const { url } = checked;
  const secure = url.protocol === 'https:';
  const hostIsLiteral = parseIp(checked.hostname) !== null;
  return new Promise((resolve, reject) => {
    const request = (secure ? httpsRequest : httpRequest)({
      host: formatIp(address),
      family: familyOf(address),
      port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: init.method,
      headers: { ...init.headers, host: url.host },
      // The certificate is checked against the URL's name, not the address we connect to.
      servername: secure && !hostIsLiteral ? checked.hostname : undefined,
      agent: false,
      signal: init.signal,
    });
    request.once('response', resolve);
    request.once('error', reject);
    request.end(init.body);
  });
}
