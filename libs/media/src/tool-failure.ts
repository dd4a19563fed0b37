import { MediaError, type MediaErrorCode } from './media-error';
import { ToolFailedError } from './run-process';

interface KnownFailure {
  readonly pattern: RegExp;
  readonly code: MediaErrorCode;
  readonly reason: string;
}

/**
 * What a tool's stderr says, in words a client can act on. Only these fixed phrases ever reach a
 * client: the tool's own text (temp paths, demuxer names, 0x pointers) stays in the service log.
 * The first match wins, so the more specific patterns come first.
 */
const KNOWN_FAILURES: readonly KnownFailure[] = [
  { pattern: /exceeds specified max pixel count|Picture size \d+x\d+ is invalid/i, code: 'media_too_large', reason: 'its picture is larger than this service decodes' },
  { pattern: /Cannot allocate memory|std::bad_alloc|out of memory|failed to map segment/i, code: 'media_processing_limit', reason: 'it needs more memory than this service allows' },
  { pattern: /moov atom not found/i, code: 'invalid_media', reason: 'no MP4 index found' },
  { pattern: /matches no streams|does not contain any stream|no video stream/i, code: 'invalid_media', reason: 'it has no usable video stream' },
  { pattern: /partial file|truncat|End of file|Packet corrupt|Invalid NAL|error while decoding|decode_slice_header|corrupt/i, code: 'invalid_media', reason: 'it is damaged or truncated' },
  { pattern: /Invalid data found when processing input|could not find codec parameters|Unknown format|not supported/i, code: 'invalid_media', reason: 'not a recognised audio or video format' },
];

/**
 * Turns a failed tool run into a `MediaError` whose message is `summary (reason)`, safe to show
 * a client, with the tool's full output kept as `detail` for the log. A run stopped by its time
 * or resource limit says so; stderr that matches nothing known gets a generic reason and the
 * `fallback` code (`invalid_media` where only the file can be at fault, as when probing).
 */
export function describeToolFailure(error: ToolFailedError, summary: string, fallback: MediaErrorCode = 'media_tool_failed'): MediaError {
  const failure = classify(error, fallback);
  return new MediaError(failure.code, `${summary} (${failure.reason})`, error.message);
}

function classify(error: ToolFailedError, fallback: MediaErrorCode): Omit<KnownFailure, 'pattern'> {
  if (error.reason === 'timeout') return { code: 'media_processing_limit', reason: 'processing it took longer than this service allows' };
  const known = KNOWN_FAILURES.find((failure) => failure.pattern.test(error.stderrTail));
  if (known) return known;
  if (error.reason === 'resource_limit') return { code: 'media_processing_limit', reason: 'it needs more time or memory than this service allows' };
  return { code: fallback, reason: 'the media could not be processed' };
}

/**
 * A decoding step failed: a tool failure is described as above; anything else (a broken pipe)
 * gets the generic reason. Either way the original stays in `detail`, out of the client's sight.
 */
export function asDecodeFailure(error: unknown, summary: string): MediaError {
  if (error instanceof ToolFailedError) return describeToolFailure(error, summary);
  const detail = error instanceof Error ? error.message : String(error);
  return new MediaError('invalid_media', `${summary} (it is damaged or truncated)`, detail);
}
