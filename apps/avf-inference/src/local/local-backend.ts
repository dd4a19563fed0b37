import { MediaError } from '@jetjobs/media';
import { planSequences } from '../analysis/sequences';
import type { SequenceReport } from '../analysis/sequence-report';
import { detrendWindow } from '../analysis/detrend';
import { judgeSequence, syncTolerance } from '../analysis/sync-evidence';
import type { AnalysisReport, AnalysisRequest, AvfBackend } from '../backend';
import { loadClipAudio } from './clip-audio';
import type { FacePool } from './face-pool';
import { frameBatches } from './frame-batches';

export interface LocalBackendSettings {
  /** Lags tried on each side of 0, in frames. */
  readonly maxLag: number;
  /** Frames are analysed at most this wide (the face mesh works on a 192 px crop anyway). */
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
  const sync = { maxLag: settings.maxLag, tolerance: syncTolerance(fps), detrendWindow: detrendWindow(fps) };
  request.log(`analysing ${plan.length} sequences of up to ${request.sequenceLength} frames at ${width}x${height} on ${pool.size} face threads`);

  const reports: SequenceReport[] = [];
  const pending = new Set<Promise<void>>();
  let failure: unknown = null;
  let decoded = 0;
  try {
    for await (const batch of frameBatches(file, plan, { width, height, signal })) {
      decoded = batch.span.end;
      const frames = batch.span.end - batch.span.start;
      const task = pool.measure(batch.pixels, frames, width, height, signal).then(async (mouth) => {
        const clip = await audio;
        const report = judgeSequence(batch.span, mouth, clip.energyOf(batch.span), { ...sync, voicedRms: clip.voicedRms });
        reports.push(report);
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
  return { videoFrames: decoded, sequences: reports.sort((a, b) => a.index - b.index), model: null };
}

/** The analysis frame size: the video's own, scaled down to `maxWidth`, with even sides. */
export function analysisSize(width: number, height: number, maxWidth: number): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: maxWidth, height: even((maxWidth * 9) / 16) };
  const scaled = Math.min(width, maxWidth);
  return { width: even(scaled), height: even((scaled * height) / width) };
}

const even = (value: number): number => Math.max(2, 2 * Math.round(value / 2));
