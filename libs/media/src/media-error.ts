/** Machine codes of failures caused by the media itself (or by the bounds this service sets on it). */
export type MediaErrorCode =
  | 'invalid_media'
  | 'no_video_stream'
  | 'no_audio_stream'
  | 'media_tool_failed'
  | 'media_too_long'
  | 'media_too_large'
  | 'media_processing_limit';

/**
 * A failure caused by the media itself (unreadable, no video stream, truncated, over a limit).
 * Retrying the same bytes cannot help, so workers report it as a permanent job error with this
 * code. `message` is written for the client; `detail` (a tool's own words, paths included) is for
 * the service log only.
 */
export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    message: string,
    readonly detail: string | null = null,
  ) {
    super(message);
    this.name = 'MediaError';
  }
}
