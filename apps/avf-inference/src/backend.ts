import type { MediaInfo } from '@jetjobs/media';
import type { SyncInput } from './analysis/aggregate';
import type { SequenceReport } from './analysis/sequence-report';

/** A probed video with a video stream: what every backend starts from. */
export type ProbedVideo = MediaInfo & { readonly video: NonNullable<MediaInfo['video']> };

export interface AnalysisRequest {
  readonly jobId: string;
  readonly file: string;
  readonly info: ProbedVideo;
  readonly sequenceLength: number;
  /** The job's signal: cancellation or shutdown stops decoding and drops queued work. */
  readonly signal: AbortSignal;
  /** Called as each sequence is judged, in completion order. */
  readonly onSequence: (report: SequenceReport, done: number, total: number) => void;
  readonly log: (line: string) => void;
}

export interface AnalysisReport {
  /** Frames actually decoded and analysed. */
  readonly videoFrames: number;
  readonly sequences: readonly SequenceReport[];
  readonly model: { readonly name: string; readonly version: string | null } | null;
  /** The local backend's correlation curves for the clip-level decision; absent for a served model. */
  readonly sync?: SyncInput;
}

/**
 * Where the per-sequence evidence comes from: the local synchrony analysis, or a model served
 * over the Open Inference Protocol. Both yield per-sequence forgery probabilities that the
 * handler aggregates the same way.
 */
export interface AvfBackend {
  readonly name: 'local' | 'kserve';
  analyse(request: AnalysisRequest): Promise<AnalysisReport>;
  close(): Promise<void>;
}
