import type { ErrorCode } from '@jetjobs/contracts';

/** The API's error codes, plus `network_error` for a gateway that could not be reached. */
export type JetJobsErrorCode = ErrorCode | 'network_error';

/**
 * The gateway refused or failed a request: `status` is the HTTP status (0 when the gateway could
 * not be reached) and `code` the machine-readable code of its `{error: {code, message}}` body.
 */
export class JetJobsError extends Error {
  /** Seconds the gateway asked the caller to wait (`Retry-After`), when it said. */
  readonly retryAfterSeconds: number | null;

  constructor(
    readonly status: number,
    readonly code: JetJobsErrorCode,
    message: string,
    options: { retryAfterSeconds?: number | null; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'JetJobsError';
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

/** Reads an error answer; every API's body carries `{error: {code, message}}` (moderation in capitals). */
export async function errorFromResponse(response: Response): Promise<JetJobsError> {
  const text = await response.text().catch(() => '');
  let code: string = statusCode(response.status);
  let message = `${response.status} ${response.statusText}`.trim();
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code.toLowerCase();
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  return new JetJobsError(response.status, code as JetJobsErrorCode, message, { retryAfterSeconds: retryAfterSeconds(response.headers) });
}

/** `Retry-After` as seconds from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | null {
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function statusCode(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  return status >= 500 ? 'internal' : 'validation_failed';
}
