import type { ClipperInput } from '@jetjobs/contracts';
import { fetchVideoSource, type MediaStore } from '@jetjobs/worker-runtime';
import { downloadFromYoutube, isYoutubeUrl } from './youtube';

export interface SourceOptions {
  readonly media: MediaStore;
  readonly dir: string;
  readonly allowlist: readonly string[];
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly ytDlp: string;
  readonly signal: AbortSignal;
  readonly log: (line: string) => Promise<void>;
}

/** The job's video as a local file: from the object store, a YouTube page, or a URL. */
export async function fetchSource(source: ClipperInput['source'], options: SourceOptions): Promise<string> {
  if ('upload' in source) {
    await options.log(`Reading uploaded video "${source.upload.filename}" (${megabytes(source.upload.size)})...`);
  } else if (isYoutubeUrl(source.url)) {
    await options.log('Downloading video from YouTube...');
    return downloadFromYoutube(source.url, { command: options.ytDlp, dir: options.dir, maxBytes: options.maxBytes, signal: options.signal });
  } else {
    await options.log(`Downloading video from ${new URL(source.url).host}...`);
  }
  const fetched = await fetchVideoSource(source, {
    media: options.media,
    dir: options.dir,
    allowlist: options.allowlist,
    maxBytes: options.maxBytes,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  return fetched.path;
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
