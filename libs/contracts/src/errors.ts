/**
 * Machine-readable error codes shared by every service. The gateway maps each to one HTTP status,
 * in one place; everything behind it only speaks in codes.
 */
export const ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'unauthorized',
  'forbidden',
  'job_not_found',
  'not_found',
  'kind_not_served',
  'job_already_exists',
  'illegal_transition',
  'attempt_mismatch',
  'conflict',
  'request_timeout',
  'payload_too_large',
  'quota_exceeded',
  'headers_too_large',
  'unsupported_media_type',
  'expectation_failed',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
}

/** A failure with a code, safe to show to the caller. */
export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CodedError';
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate['message'] === 'string' &&
    (ERROR_CODES as readonly unknown[]).includes(candidate['code'])
  );
}
