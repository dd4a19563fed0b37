import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runProcess, ToolFailedError } from '@jetjobs/media';
import { PermanentError, RetryableError } from '@jetjobs/worker-runtime';

const YOUTUBE_HOSTS = /^(?:www\.|m\.|music\.)?(?:youtube\.com|youtu\.be|youtube-nocookie\.com)$/i;

export function isYoutubeUrl(raw: string): boolean {
  try {
    return YOUTUBE_HOSTS.test(new URL(raw).hostname);
  } catch {
    return false;
  }
}

export interface YoutubeOptions {
  /** The yt-dlp executable (a name on PATH or a path). */
  readonly command: string;
  readonly dir: string;
  readonly maxBytes: number;
  readonly signal: AbortSignal;
}

/**
 * Downloads a YouTube video with yt-dlp (a page, not a file: nothing else can fetch it). At most
 * 720p is asked for, since clips are rendered at 720x1280 anyway.
 */
export async function downloadFromYoutube(url: string, options: YoutubeOptions): Promise<string> {
  await assertInstalled(options.command, options.signal);
  const args = [
    '--no-playlist', '--no-progress', '--no-warnings', '--socket-timeout', '30',
    '-f', 'bv*[height<=720]+ba/b[height<=720]/b', '--merge-output-format', 'mp4',
    '--max-filesize', String(options.maxBytes), '-o', join(options.dir, 'youtube.%(ext)s'), url,
  ];
  try {
    await runProcess(options.command, args, { signal: options.signal });
  } catch (error) {
    if (options.signal.aborted) throw options.signal.reason;
    const detail = error instanceof Error ? error.message : String(error);
    throw new RetryableError(`yt-dlp download failed: ${detail}`, 'youtube_download_failed');
  }
  const file = (await readdir(options.dir)).find((name) => name.startsWith('youtube.') && !name.endsWith('.part'));
  if (!file) throw new PermanentError('yt-dlp download failed: it wrote no video (over the size limit, or not a video page)', 'youtube_download_failed');
  return join(options.dir, file);
}

async function assertInstalled(command: string, signal: AbortSignal): Promise<void> {
  try {
    await runProcess(command, ['--version'], { signal });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    const why = error instanceof ToolFailedError ? 'does not run' : 'is not installed on this worker';
    throw new PermanentError(`YouTube URLs are downloaded with yt-dlp, which ${why}: upload the video file or give a direct video URL instead`, 'youtube_unsupported');
  }
}
