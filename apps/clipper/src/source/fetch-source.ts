import type { ClipperInput } from '@jetjobs/contracts';
import { fetchVideoSource, type MediaStore, type SniffedSource } from '@jetjobs/worker-runtime';
import { downloadFromYoutube, isYoutubeUrl } from './youtube';

export interface SourceOptions {
  readonly media: MediaStore;
  readonly dir: string;
  readonly allowlist: readonly string[];
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /** Longest silence of a source server, for a URL download and for yt-dlp alike. */
  readonly idleTimeoutMs: number;
  readonly ytDlp: string;
  readonly signal: AbortSignal;
  readonly log: (line: string) => Promise<void>;
}

/**
 * The job's video as a local file, from the object store, a YouTube page, or a URL, with the
 * demuxer its bytes were recognised as.
 */
export async function fetchSource(source: ClipperInput['source'], options: SourceOptions): Promise<SniffedSource> {
  if ('upload' in source) {
    await options.log(`Reading uploaded video "${source.upload.filename}" (${megabytes(source.upload.size)})...`);
  } else if (isYoutubeUrl(source.url)) {
    await options.log('Downloading video from YouTube...');
    return downloadFromYoutube(source.url, {
      command: options.ytDlp, dir: options.dir, maxBytes: options.maxBytes, signal: options.signal,
      allowlist: options.allowlist, idleTimeoutMs: options.idleTimeoutMs,
    });
  } else {
    await options.log(`Downloading video from ${new URL(source.url).host}...`);
  }
  const fetched = await fetchVideoSource(source, {
    media: options.media,
    dir: options.dir,
    allowlist: options.allowlist,
    maxBytes: options.maxBytes,
    timeoutMs: options.timeoutMs,
    idleTimeoutMs: options.idleTimeoutMs,
    signal: options.signal,
  });
  return fetched;
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
