import { ERROR_CODES, type ErrorCode } from '@jetjobs/contracts';

/** The one place where an error code becomes an HTTP status. */
export const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  validation_failed: 400,
  malformed_json: 400,
  unauthorized: 401,
  forbidden: 403,
  job_not_found: 404,
  not_found: 404,
  // The request is well formed but names a kind nothing can run right now.
  kind_not_served: 422,
  job_already_exists: 409,
  illegal_transition: 409,
  attempt_mismatch: 409,
  conflict: 409,
  request_timeout: 408,
  payload_too_large: 413,
  // The upload could fit on its own, but not beside what the project already stores.
  quota_exceeded: 413,
  headers_too_large: 431,
  unsupported_media_type: 415,
  expectation_failed: 417,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** For HTTP errors raised by Nest or Express themselves, which carry a status but no code. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 408:
      return 'request_timeout';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 417:
      return 'expectation_failed';
    case 429:
      return 'rate_limited';
    case 431:
      return 'headers_too_large';
    case 503:
      return 'unavailable';
    default:
      return status >= 500 ? 'internal' : 'validation_failed';
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(value);
}
