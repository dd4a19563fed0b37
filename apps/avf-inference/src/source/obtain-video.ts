import { stat } from 'node:fs/promises';
import type { VideoSource } from '@jetjobs/contracts';
import { fetchVideoSource, PermanentError, type FetchedVideo, type JobContext } from '@jetjobs/worker-runtime';

export interface SourceSettings {
  /** Internal hosts and networks a URL source may reach (`JETJOBS_SOURCE_URL_ALLOWLIST`). */
  readonly allowlist: readonly string[];
  readonly maxBytes: number;
  readonly downloadTimeoutMs: number;
  /** Longest silence of a source server (`JETJOBS_SOURCE_IDLE_TIMEOUT_MS`); default 30 s. */
  readonly idleTimeoutMs?: number;
}

/**
 * Brings the job's video into `dir`: an upload from the object store or a URL download, with
 * the platform's checks. An empty file fails here, with its own code, before any tool runs.
 */
export async function obtainVideo(source: VideoSource, dir: string, context: JobContext, settings: SourceSettings): Promise<FetchedVideo> {
  const fetched = await fetchVideoSource(source, {
    media: context.media,
    dir,
    allowlist: settings.allowlist,
    maxBytes: settings.maxBytes,
    timeoutMs: settings.downloadTimeoutMs,
    idleTimeoutMs: settings.idleTimeoutMs,
    signal: context.signal,
  });
  if ((await stat(fetched.path)).size === 0) throw new PermanentError(`The file "${fetched.filename}" is empty (0 bytes)`, 'empty_file');
  return fetched;
}
