import { MediaError } from './media-error';
import type { MediaInfo } from './probe';

/** The largest media one job of a kind may ask a worker to process. */
export interface MediaLimits {
  /** Longest duration, in seconds, of the container or of any stream in it. */
  readonly maxDurationS: number;
  /** Largest picture, width × height. */
  readonly maxPixels: number;
  /** Most video frames (a 16×16 video at 1,000 fps is short but has many frames). */
  readonly maxFrames: number;
}

/**
 * Checked right after probing, before any decoding: media over a limit fails the job at once
 * with a permanent error that says which limit and by how much, instead of tying up a worker for
 * days. The frame count comes from counted packets, so a container that under-reports its
 * duration is still caught by its frames.
 */
export function assertWithinLimits(info: MediaInfo, limits: MediaLimits): void {
  const video = info.video;
  const durationS = Math.max(info.durationS, video && video.fps > 0 ? video.frameCount / video.fps : 0);
  if (durationS > limits.maxDurationS) {
    throw new MediaError('media_too_long', `The media is ${formatDuration(durationS)} long; this service accepts at most ${formatDuration(limits.maxDurationS)}`);
  }
  if (video && video.width * video.height > limits.maxPixels) {
    const megapixels = (n: number) => `${Math.round(n / 1e5) / 10} megapixels`;
    throw new MediaError('media_too_large', `The video is ${video.width}×${video.height} (${megapixels(video.width * video.height)}); this service accepts at most ${megapixels(limits.maxPixels)} per frame`);
  }
  if (video && video.frameCount > limits.maxFrames) {
    throw new MediaError('media_too_long', `The video has ${video.frameCount} frames; this service accepts at most ${limits.maxFrames}`);
  }
}

/** `2 h 5 min`, `12 min 30 s`, `45 s`. */
export function formatDuration(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}
