import type { WorkerLimitsConfig } from '@jetjobs/config';
import { setToolLimits, type MediaLimits } from '@jetjobs/media';

export interface WorkerLimits {
  /** Checked right after probing (`assertWithinLimits`). */
  readonly media: MediaLimits;
  /** For `startWorker`'s `attemptDeadlineMs`. */
  readonly attemptDeadlineMs: number;
}

/**
 * Applies a worker's validated limits: every media tool this process starts from now on runs
 * under them, and the media and deadline bounds come back for the pipeline and the worker.
 */
export function applyWorkerLimits(config: WorkerLimitsConfig): WorkerLimits {
  setToolLimits({
    memoryBytes: config.MEDIA_TOOL_MAX_MEMORY_BYTES,
    cpuSeconds: config.MEDIA_TOOL_MAX_CPU_S,
    timeoutMs: config.MEDIA_TOOL_TIMEOUT_MS,
    maxPixels: config.MEDIA_MAX_PIXELS,
  });
  return { media: mediaLimitsOf(config), attemptDeadlineMs: config.WORKER_ATTEMPT_DEADLINE_MS };
}

/** The media bounds alone, without touching the process-wide tool limits. */
export function mediaLimitsOf(config: WorkerLimitsConfig): MediaLimits {
  return { maxDurationS: config.MEDIA_MAX_DURATION_S, maxPixels: config.MEDIA_MAX_PIXELS, maxFrames: config.MEDIA_MAX_FRAMES };
}
