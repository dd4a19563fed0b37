import { runProcess } from '@jetjobs/media';
import { PermanentError } from '@jetjobs/worker-runtime';

/** Containers may announce a frame or two more than they hold (edit lists); more is truncation. */
const TOLERATED_MISSING = 0.02;

/**
 * An mp4 whose index sits at the front (`+faststart`) still probes after it is cut short: the
 * header announces every frame, only the first ones can be read, and ffmpeg decodes them without
 * failing. Comparing the announced count (read from the header only, instantly) with the frames
 * the probe could read catches it; a verdict on half a video would be no verdict at all.
 */
export async function assertNotTruncated(file: string, readableFrames: number, signal: AbortSignal): Promise<void> {
  const { stdout } = await runProcess('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=nb_frames', '-of', 'csv=p=0', file], { signal });
  const announced = Number(stdout.trim());
  if (!Number.isInteger(announced) || announced <= 0) return; // no count in the header (mkv, webm): nothing to compare
  if (readableFrames < announced * (1 - TOLERATED_MISSING)) {
    throw new PermanentError(`The video is truncated: its header announces ${announced} frames but only ${readableFrames} can be read`, 'truncated_media');
  }
}
