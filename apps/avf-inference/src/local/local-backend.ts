import { MediaError } from '@jetjobs/media';
import { planSequences } from '../analysis/sequences';
import type { SequenceReport } from '../analysis/sequence-report';
import { detrendWindow } from '../analysis/detrend';
import { smoothingWindow } from '../analysis/mouth-signal';
import { sequenceEvidence, syncTolerance, type SequenceSync } from '../analysis/sync-evidence';
import type { AnalysisReport, AnalysisRequest, AvfBackend } from '../backend';
import { loadClipAudio } from './clip-audio';
import type { FacePool } from './face-pool';
import { frameBatches } from './frame-batches';

export interface LocalBackendSettings {
  /** Lags tried on each side of 0, in frames. */
  readonly maxLag: number;
  /** Frames are analysed at most this wide (see `analysisSize`). */
  readonly frameWidth: number;
}

/** Audio-visual synchrony measured on this machine: face mesh per frame, correlation per sequence. */
export function createLocalBackend(pool: FacePool, settings: LocalBackendSettings): AvfBackend {
  return { name: 'local', analyse: (request) => analyseLocally(pool, settings, request), close: () => pool.close() };
}

/**
 * Decoding and face analysis overlap: ffmpeg decodes the next sequences while the face threads
 * work on earlier ones, with at most one batch waiting per thread so memory stays bounded.
 */
async function analyseLocally(pool: FacePool, settings: LocalBackendSettings, request: AnalysisRequest): Promise<AnalysisReport> {
  const { info, file } = request;
  const fps = info.video.fps > 0 ? info.video.fps : 25;
  const { width, height } = analysisSize(info.video.width, info.video.height, settings.frameWidth);
  const plan = planSequences(info.video.frameCount, request.sequenceLength);
  const stop = new AbortController();
  const signal = AbortSignal.any([request.signal, stop.signal]);
  const audio = loadClipAudio(file, info, fps, signal);
  audio.catch(() => undefined); // awaited by each sequence; this only marks it handled meanwhile
  const sync = { maxLag: settings.maxLag, tolerance: syncTolerance(fps), detrendWindow: detrendWindow(fps), smoothWindow: smoothingWindow(fps) };
  request.log(`analysing ${plan.length} sequences of up to ${request.sequenceLength} frames at ${width}x${height} on ${pool.size} face threads`);

  const reports: SequenceReport[] = [];
  const curves: SequenceSync[] = [];
  const widths: number[] = [];
  const pending = new Set<Promise<void>>();
  let failure: unknown = null;
  let decoded = 0;
  try {
    for await (const batch of frameBatches(file, plan, { width, height, signal })) {
      decoded = batch.span.end;
      const frames = batch.span.end - batch.span.start;
      const task = pool.measure(batch.pixels, frames, width, height, signal).then(async (mouth) => {
        const clip = await audio;
        const { report, sync: curve } = sequenceEvidence(batch.span, mouth.openings, clip.energyOf(batch.span), { ...sync, voicedRms: clip.voicedRms });
        reports.push(report);
        if (curve !== null) curves.push(curve);
        for (const w of mouth.widths) if (!Number.isNaN(w)) widths.push(w);
        request.onSequence(report, reports.length, Math.max(plan.length, reports.length));
      });
      const tracked: Promise<void> = task
        .catch((error: unknown) => {
          failure ??= error;
          stop.abort(error);
        })
        .finally(() => pending.delete(tracked));
      pending.add(tracked);
      while (pending.size > pool.size) await Promise.race(pending);
    }
    await Promise.all(pending);
  } catch (error) {
    stop.abort(error);
    await Promise.allSettled(pending);
    throw failure ?? error;
  }
  if (failure !== null) throw failure;
  if (decoded === 0) throw new MediaError('invalid_media', 'No video frame could be decoded');
  // In the video's own pixels: what the picture holds, not what scaling made of it.
  const measuredWidth = median(widths);
  const context = { fps, tolerance: sync.tolerance, mouthWidthPx: measuredWidth === null ? null : (measuredWidth * info.video.width) / width };
  return { videoFrames: decoded, sequences: reports.sort((a, b) => a.index - b.index), model: null, sync: { sequences: curves, context } };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = values.sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * The analysis frame size: the video's own, scaled down to `maxWidth`, with even sides. Smaller
 * videos are not scaled up: the mesh already crops the face box and resizes it to 192 px, and
 * upscaling the whole frame first (bicubic, to 640 px wide) gave no consistent gain on 320x180
 * CRF 38 talking heads (a clearer peak on one encode, a weaker one on another) for more pixels
 * to decode and hand over.
 */
export function analysisSize(width: number, height: number, maxWidth: number): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: maxWidth, height: even((maxWidth * 9) / 16) };
  const scaled = Math.min(width, maxWidth);
  return { width: even(scaled), height: even((scaled * height) / width) };
}

const even = (value: number): number => Math.max(2, 2 * Math.round(value / 2));
