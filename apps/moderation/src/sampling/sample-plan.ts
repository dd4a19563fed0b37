import type { FrameScan } from './scan-frames';

/** One frame chosen for classification. */
export interface PlannedSample {
  /** Frame number in decode order (what ffmpeg's `select` calls `n`). */
  readonly frame: number;
  /** Seconds from the start of the video. */
  readonly timestamp: number;
  /** On the regular interval grid; false for a sample taken only because a scene starts there. */
  readonly onInterval: boolean;
  /** A scene starts at this frame. */
  readonly sceneCut: boolean;
}

export interface SamplingOptions {
  /** One sample every this many seconds (the grid), e.g. 1 for 1 frame per second. */
  readonly intervalS: number;
  /** Scene score above which a frame starts a new scene (~0.1: 0.3 misses low-contrast cuts). */
  readonly sceneThreshold: number;
  /** A cut closer than this to the previous cut is motion, not a new scene. */
  readonly minSceneS: number;
}

/**
 * Chooses the frames to classify: the first frame at or after every multiple of the interval,
 * plus the first frame of every scene. Pure, so the same scan always gives the same plan, and
 * `frame_count` is the plan's length before any frame is decoded for classification.
 */
export function planSamples(scan: FrameScan, options: SamplingOptions): PlannedSample[] {
  const samples: PlannedSample[] = [];
  let nextGridS = 0;
  let lastCutS = -Infinity;
  scan.times.forEach((timestamp, frame) => {
    // Float tolerance: frame 25 of a 25 fps video must land on the 1 s line, not just miss it.
    const onInterval = timestamp >= nextGridS - 1e-6;
    if (onInterval) nextGridS = (Math.floor(timestamp / options.intervalS + 1e-6) + 1) * options.intervalS;
    const sceneCut = frame > 0 && (scan.sceneScores[frame] ?? 0) > options.sceneThreshold && timestamp - lastCutS >= options.minSceneS;
    if (sceneCut) lastCutS = timestamp;
    if (onInterval || sceneCut) samples.push({ frame, timestamp: roundMs(timestamp), onInterval, sceneCut });
  });
  return samples;
}

function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
