import type { FrameFormat } from '../sampling/extract-frames';
import type { FrameScores } from '../verdict/categories';

/**
 * A moderation backend as the pipeline sees it: frames in, per-category scores out. One instance
 * serves every job of the process (a local model is loaded once, a remote endpoint is checked
 * once), so it is created at start-up and closed at shutdown.
 */
export interface FrameClassifier {
  /** Names the backend and model for the operator's log, with where it runs. */
  readonly description: string;
  /** Names the backend and model in results, with no host: e.g. `local nsfwjs MobileNetV2`. */
  readonly label: string;
  /** How frames must be decoded for it. */
  readonly format: FrameFormat;
  /** Frames it takes per call; the pipeline collects this many before calling. */
  readonly batchSize: number;
  /**
   * Batches the pipeline may have waiting for scores at once: 2 for local threads, so each has its
   * next frames queued when it finishes; 1 for remote backends, whose concurrency is their own.
   */
  readonly batchesInFlight: number;
  /**
   * Scores each frame, in order. Throws `RetryableError` when the backend is unavailable and
   * `PermanentError` when it refuses the input; aborts promptly when `signal` fires.
   */
  classify(frames: readonly Buffer[], signal: AbortSignal): Promise<FrameScores[]>;
  close(): Promise<void>;
}
