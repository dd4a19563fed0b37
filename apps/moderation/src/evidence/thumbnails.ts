import { join } from 'node:path';
import { runProcess } from '@jetjobs/media';
import type { MediaFiles } from './media-files';

export interface StoredThumbnail {
  /** Object name in the media bucket. */
  readonly object: string;
  /** The relative URL the gateway serves it at. */
  readonly url: string;
}

/**
 * Where a job's thumbnails live: `clips/<job_id>/thumb-<seconds>.jpg`, the folder the gateway's
 * `/videos/:job_id/:file` route serves from.
 */
export function thumbnailNames(jobId: string, timestamp: number): StoredThumbnail & { file: string } {
  const file = `thumb-${Math.round(timestamp * 1000) / 1000}.jpg`;
  return { file, object: `clips/${jobId}/${file}`, url: `/videos/${jobId}/${file}` };
}

/**
 * Renders the frame at `timestamp` as a JPEG (at most 360 px high) and stores it. The seek goes
 * before the input, which ffmpeg makes exact by decoding from the previous keyframe, so a
 * thumbnail costs a fraction of a second wherever it is in the video.
 */
export async function storeThumbnail(input: { file: string; dir: string; jobId: string; projectId: string; timestamp: number; files: MediaFiles; signal?: AbortSignal }): Promise<StoredThumbnail> {
  const names = thumbnailNames(input.jobId, input.timestamp);
  const local = join(input.dir, names.file);
  await runProcess('ffmpeg', [
    '-v', 'error', '-nostdin', '-y', '-ss', seekTo(input.timestamp), '-i', input.file, '-map', '0:v:0', '-frames:v', '1',
    '-vf', "scale=-2:'min(360,ih)'", '-q:v', '3', local,
  ], { signal: input.signal });
  await input.files(names.object, local, 'image/jpeg', { projectId: input.projectId, jobId: input.jobId, purpose: 'output' });
  return { object: names.object, url: names.url };
}

/** Timestamps are rounded to the millisecond: seek just before, or rounding up skips a frame. */
function seekTo(timestamp: number): string {
  return Math.max(0, timestamp - 0.001).toFixed(3);
}
