import { MediaError, ToolFailedError, describeToolFailure } from '@jetjobs/media';
import { EventTooDeepError } from '@jetjobs/event-store';

/**
 * How a handler says an attempt failed. A retryable error (also any unexpected exception) lets
 * the registry's retry policy schedule another attempt; a permanent one fails the job at once.
 * Its message is shown to the client: say what went wrong with the input or the service, never
 * a path, a host or a tool's own output.
 */
export class RetryableError extends Error {
  constructor(
    message: string,
    readonly code = 'retryable_error',
    /** The underlying failure, for the service log. */
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RetryableError';
  }
}

export class PermanentError extends Error {
  constructor(
    message: string,
    readonly code = 'permanent_error',
    /** The underlying failure, for the service log. */
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** How an error is recorded: `message` goes into the job's events, `detail` only to the service log. */
export interface DescribedError {
  readonly code: string;
  readonly message: string;
  readonly permanent: boolean;
  readonly detail: string;
}

/**
 * The one place an attempt's failure becomes what the client reads. Media failures carry their
 * own client-safe wording; a tool failure nobody translated is translated here; anything else
 * unexpected reads as a generic failure. Every message is also scrubbed of paths and pointers
 * as a last guard, and the full original goes to `detail` for the log.
 */
export function describeError(error: unknown): DescribedError {
  const detail = detailOf(error);
  const media = error instanceof ToolFailedError ? describeToolFailure(error, 'Processing the media failed') : error;
  if (media instanceof MediaError) {
    // A tool failure matching nothing known may be the worker's (a full disk): worth another try.
    const permanent = media.code !== 'media_tool_failed';
    return { code: media.code, message: scrubMessage(media.message), permanent, detail: media === error ? detail : detailOf(media) };
  }
  if (error instanceof PermanentError) return { code: error.code, message: scrubMessage(error.message), permanent: true, detail };
  // Another attempt would produce the same unstorable result.
  if (error instanceof EventTooDeepError) return { code: error.code, message: error.message, permanent: true, detail };
  if (error instanceof RetryableError) return { code: error.code, message: scrubMessage(error.message), permanent: false, detail };
  return { code: 'handler_error', message: 'The worker failed unexpectedly while processing the job', permanent: false, detail };
}

/**
 * Removes what must never reach a client even if a handler put it in a message: absolute file
 * paths (temp folders), memory addresses, and ffmpeg's `[demuxer @ 0x…]` prefixes.
 */
export function scrubMessage(message: string): string {
  return message
    .replace(/\[[^\]]*@ 0x[0-9a-f]+\]\s*/gi, '')
    .replace(/0x[0-9a-f]{6,}/gi, '<address>')
    .replace(/(^|[\s"'(=:])\/(?:[\w.@+-]+\/)*[\w.@+-]+/g, '$1<file>')
    .replace(/\b[A-Z]:\\[^\s"']+/g, '<file>');
}

/** Everything known about a failure, its causes and a media error's tool output included. */
function detailOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const own = `${error.name}: ${error.message}${error instanceof MediaError && error.detail ? ` [${error.detail}]` : ''}`;
  return error.cause === undefined ? own : `${own}; caused by ${detailOf(error.cause)}`;
}
