import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runProcess, ToolFailedError } from '@jetjobs/media';
import { startEgressProxy } from '@jetjobs/url-safety';
import { PermanentError, RetryableError, sniffSource, type SniffedSource } from '@jetjobs/worker-runtime';

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
  /** Internal hosts yt-dlp may reach although not public (`JETJOBS_SOURCE_URL_ALLOWLIST`). */
  readonly allowlist: readonly string[];
  /** A connection of yt-dlp that moves nothing this long is closed. */
  readonly idleTimeoutMs: number;
}

/**
 * Downloads a YouTube video with yt-dlp (a page, not a file: nothing else can fetch it). At most
 * 720p is asked for, since clips are rendered at 720x1280 anyway. yt-dlp fetches by itself, so
 * every connection it makes goes through a local egress proxy that applies the URL checks (no
 * private addresses unless allowed); its own configuration files are ignored, so none can
 * replace the proxy, and its native downloader is used so no helper tool connects around it.
 */
export async function downloadFromYoutube(url: string, options: YoutubeOptions): Promise<SniffedSource> {
  await assertInstalled(options.command, options.signal);
  const proxy = await startEgressProxy({ allowlist: options.allowlist, idleTimeoutMs: options.idleTimeoutMs });
  try {
    return await runYtDlp(url, proxy.url, options);
  } catch (error) {
    // yt-dlp's own message would only say the proxy answered 403: say what was refused.
    const refused = proxy.refusals[0];
    if (refused !== undefined && !options.signal.aborted) throw new PermanentError(`The video page led to an address that is not allowed: ${refused}`, 'invalid_url');
    throw error;
  } finally {
    await proxy.close();
  }
}

async function runYtDlp(url: string, proxy: string, options: YoutubeOptions): Promise<SniffedSource> {
  const socketTimeoutS = String(Math.max(1, Math.ceil(options.idleTimeoutMs / 1000)));
  const args = [
    '--ignore-config', '--proxy', proxy, '--downloader', 'native',
    '--no-playlist', '--no-progress', '--no-warnings', '--socket-timeout', socketTimeoutS,
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
  return sniffSource(join(options.dir, file), 'The YouTube download');
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
