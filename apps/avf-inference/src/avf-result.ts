import type { Verdict } from './analysis/aggregate';
import type { SequenceReport } from './analysis/sequence-report';

/**
 * The job's result: exactly the `result` object of the AVF status API (`success`, `message`,
 * `prediction`, `confidence`, `score`, `metadata{video_path, sequence_length, video_frames,
 * request_id, source_filename}`), which the AVF dialect serves as is. The evidence goes into
 * `metadata` next to the documented fields.
 */
export interface AvfResult {
  readonly success: true;
  readonly message: string;
  readonly prediction: 'real' | 'fake' | null;
  readonly confidence: number | null;
  readonly score: number | null;
  readonly metadata: AvfResultMetadata;
}

export interface AvfResultMetadata {
  readonly video_path: string;
  readonly sequence_length: number;
  readonly video_frames: number;
  readonly request_id: string;
  readonly source_filename: string;
  readonly backend: 'local' | 'kserve';
  readonly model: { readonly name: string; readonly version: string | null } | null;
  readonly fps: number;
  readonly duration_s: number;
  readonly inconclusive: boolean;
  readonly inconclusive_reason: string | null;
  readonly sequences_total: number;
  readonly sequences_analysed: number;
  readonly sequences_in_sync: number;
  readonly sequences: readonly SequenceReport[];
}

export type ResultContext = Omit<AvfResultMetadata, 'inconclusive' | 'inconclusive_reason' | 'sequences_total' | 'sequences_analysed' | 'sequences_in_sync' | 'sequences'>;

export const COMPLETED_MESSAGE = 'Inference completed successfully';

/** Builds the result; an inconclusive analysis says so and carries no prediction or score. */
export function buildResult(verdict: Verdict, sequences: readonly SequenceReport[], context: ResultContext): AvfResult {
  const counts = { sequences_total: sequences.length, sequences: [...sequences] };
  if (verdict.kind === 'inconclusive') {
    return {
      success: true,
      message: `Inference completed, inconclusive: ${verdict.explanation}`,
      prediction: null,
      confidence: null,
      score: null,
      metadata: { ...context, inconclusive: true, inconclusive_reason: verdict.reason, sequences_analysed: 0, sequences_in_sync: 0, ...counts },
    };
  }
  return {
    success: true,
    message: COMPLETED_MESSAGE,
    prediction: verdict.prediction,
    confidence: verdict.confidence,
    score: verdict.score,
    metadata: {
      ...context,
      inconclusive: false,
      inconclusive_reason: null,
      sequences_analysed: verdict.analysed,
      sequences_in_sync: verdict.inSync,
      ...counts,
    },
  };
}
