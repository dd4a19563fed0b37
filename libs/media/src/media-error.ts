/**
 * A failure caused by the media itself (unreadable, no video stream, truncated). Retrying the same
 * bytes cannot help, so workers report it as a permanent job error with this code.
 */
export class MediaError extends Error {
  constructor(
    readonly code: 'invalid_media' | 'no_video_stream' | 'no_audio_stream' | 'media_tool_failed',
    message: string,
  ) {
    super(message);
    this.name = 'MediaError';
  }
}
