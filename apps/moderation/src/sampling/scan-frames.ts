import { createInterface } from 'node:readline';
import { asDecodeFailure, MediaError, streamProcess } from '@jetjobs/media';

/** Every decoded frame of the video: its time and how much it differs from the one before. */
export interface FrameScan {
  /** Presentation time of frame n, seconds from the start of the video. */
  readonly times: readonly number[];
  /** ffmpeg's scene-change score of frame n (0–1; 0 for the first frame). */
  readonly sceneScores: readonly number[];
}

/**
 * Decodes the whole video once, scaled to 160×90, and reads ffmpeg's scene score of every frame.
 * Knowing every frame before any is classified is what lets the job announce `frame_count` up
 * front and pick samples by frame number. Small frames keep the pass cheap (~1.3 s per minute of 25 fps
 * video) and make the score less sensitive to noise than full-size frames.
 */
export async function scanFrames(file: string, signal?: AbortSignal): Promise<FrameScan> {
  // Area averaging: a box filter is the cheapest anti-aliased downscale (bicubic's wide filter
  // cost ~2 s of CPU per 10 minutes of 640×360 video) and smooths noise as well.
  const filters = "scale=160:90:flags=area,select='gte(scene\\,0)',metadata=print:key=lavfi.scene_score:file=-";
  const args = ['-v', 'error', '-nostdin', '-i', file, '-map', '0:v:0', '-an', '-sn', '-dn', '-vf', filters, '-fps_mode', 'passthrough', '-f', 'null', '-'];
  const { stdout, done } = streamProcess('ffmpeg', args, { signal });
  const times: number[] = [];
  const sceneScores: number[] = [];
  let start: number | null = null;
  // Output alternates `frame:N pts:P pts_time:T` and `lavfi.scene_score=S` lines.
  for await (const line of createInterface({ input: stdout, crlfDelay: Infinity })) {
    const time = /pts_time:(\S+)/.exec(line)?.[1];
    if (time !== undefined) {
      // A frame without a timestamp (NOPTS) is placed at its predecessor's time.
      const t = Number(time);
      if (Number.isFinite(t)) start ??= t;
      const previous = times[times.length - 1] ?? 0;
      times.push(Number.isFinite(t) && start !== null ? Math.max(previous, t - start) : previous);
      sceneScores.push(0);
      continue;
    }
    const score = /^lavfi\.scene_score=(\S+)/.exec(line)?.[1];
    if (score !== undefined && sceneScores.length > 0) sceneScores[sceneScores.length - 1] = Number(score) || 0;
  }
  try {
    await done;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw asDecodeFailure(error, 'The video could not be decoded');
  }
  if (times.length === 0) throw new MediaError('no_video_stream', 'The video has no decodable frames');
  return { times, sceneScores };
}
