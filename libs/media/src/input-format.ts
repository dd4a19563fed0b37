/** How a tool opens a local input file. */
export interface InputFormat {
  /**
   * The ffmpeg demuxer (`-f`) the file's bytes were sniffed as (`sniffVideo`). Named, it keeps
   * ffmpeg from probing the file into a playlist or concat list that opens other files or URLs.
   */
  readonly demuxer?: string;
}

/**
 * Options placed before a local input, for ffmpeg (before `-i`) and ffprobe alike: the sniffed
 * demuxer if known, and only the `file` protocol, so nothing the file says can make the tool
 * reach the network or another protocol.
 */
export function localInputArgs(format: InputFormat = {}): string[] {
  return [...(format.demuxer ? ['-f', format.demuxer] : []), '-protocol_whitelist', 'file'];
}
