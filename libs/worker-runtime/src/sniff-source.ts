import { open, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SNIFF_BYTES, sniffVideo } from '@jetjobs/media';
import { PermanentError } from './worker-errors';

/** A local video whose container was recognised from its bytes. */
export interface SniffedSource {
  /** The file, renamed `source.<extension of the sniffed container>`. */
  readonly path: string;
  /** The ffmpeg demuxer to open it with (`-f`), so ffmpeg never guesses from name or content. */
  readonly demuxer: string;
  /** The container as clients know it (`mp4`, `webm`, `mpegts`...). */
  readonly container: string;
}

const READABLE = 'MP4, QuickTime, 3GP, WebM, Matroska, AVI, FLV, Ogg, MPEG-TS or MPEG-PS';

/**
 * Recognises the container of a fetched video from its first bytes, as uploads are checked at
 * the gateway, and names the file by what it is. The name a tenant chose (`.m3u8`, `.ffconcat`)
 * never reaches ffmpeg: a playlist or a concat list, which would make the decoder open other
 * files or URLs, is refused here before any tool reads it.
 *
 * @throws PermanentError `source_not_video` when the bytes are no video container read here.
 */
export async function sniffSource(path: string, what: string): Promise<SniffedSource> {
  const head = await readHead(path);
  if (head.length === 0) throw new PermanentError(`${what} is empty (0 bytes)`, 'empty_file');
  const video = sniffVideo(head);
  if (video === null) {
    throw new PermanentError(`${what} is not a video file in a container this service reads (${READABLE})`, 'source_not_video');
  }
  const named = join(dirname(path), `source${video.extension}`);
  if (named !== path) await rename(path, named);
  return { path: named, demuxer: video.demuxer, container: video.container };
}

async function readHead(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
