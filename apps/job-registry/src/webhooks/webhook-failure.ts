import { CodedError } from '@jetjobs/contracts';
import { TransferStalledError } from '@jetjobs/url-safety';

/** Node's network error codes, in words; anything else is a plain "network error". */
const NETWORK_ERRORS: readonly [RegExp, string][] = [
  [/ECONNREFUSED/, 'connection refused'],
  [/ECONNRESET|socket hang up/, 'connection reset'],
  [/ENOTFOUND|EAI_AGAIN/, 'the host name does not resolve'],
  [/ETIMEDOUT/, 'connection timed out'],
  [/EHOSTUNREACH|ENETUNREACH/, 'host unreachable'],
  [/CERT|certificate|SSL|TLS/i, 'TLS handshake failed'],
];

/**
 * Why an attempt got no response, as the project that owns the webhook reads it in its delivery
 * records. Raw network errors name the addresses a host resolved to (internal ones too, when
 * allowlisted), so they are reduced to a fixed vocabulary; the receiver's own words never appear.
 */
export function describeSendFailure(error: unknown, url: string, firstByteTimeoutMs: number): string {
  const host = hostOf(url);
  if (error instanceof TransferStalledError) return `${host} sent no response within ${firstByteTimeoutMs} ms`;
  if (error instanceof CodedError && error.code === 'validation_failed') return error.message;
  if (error instanceof CodedError && /did not answer within/.test(error.message)) return error.message;
  const text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error);
  const known = NETWORK_ERRORS.find(([pattern]) => pattern.test(text));
  return `Could not reach ${host}: ${known === undefined ? 'network error' : known[1]}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the webhook URL';
  }
}
