import type { ClipEvidence, Verdict } from './analysis/aggregate';
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
  /** Why the analysis could not tell, in words (e.g. "face too small: mouth region 14 px wide"). */
  readonly inconclusive_explanation: string | null;
  /** The clip-level synchrony evidence (local backend); null otherwise. */
  readonly evidence: ClipEvidence | null;
  readonly sequences_total: number;
  readonly sequences_analysed: number;
  readonly sequences_in_sync: number;
  readonly sequences: readonly SequenceReport[];
}

export type ResultContext = Omit<
  AvfResultMetadata,
  'inconclusive' | 'inconclusive_reason' | 'inconclusive_explanation' | 'evidence' | 'sequences_total' | 'sequences_analysed' | 'sequences_in_sync' | 'sequences'
>;

export const COMPLETED_MESSAGE = 'Inference completed successfully';

/**
 * Builds the result. Without anything to compare (no face, no speech) there is no prediction or
 * score. With evidence too weak to tell, the result is inconclusive too but keeps a prediction by
 * the rule "never fake without positive evidence": `real`, score below 0.5, confidence 0.
 */
export function buildResult(verdict: Verdict, sequences: readonly SequenceReport[], context: ResultContext): AvfResult {
  const counts = { sequences_total: sequences.length, sequences: [...sequences] };
  if (verdict.kind === 'inconclusive') {
    return {
      success: true,
      message: `Inference completed, inconclusive: ${verdict.explanation}`,
      prediction: null,
      confidence: null,
      score: null,
      metadata: {
        ...context,
        inconclusive: true,
        inconclusive_reason: verdict.reason,
        inconclusive_explanation: verdict.explanation,
        evidence: null,
        sequences_analysed: 0,
        sequences_in_sync: 0,
        ...counts,
      },
    };
  }
  return {
    success: true,
    message: verdict.weak ? `Inference completed, inconclusive: ${verdict.weak.explanation}` : COMPLETED_MESSAGE,
    prediction: verdict.prediction,
    confidence: verdict.confidence,
    score: verdict.score,
    metadata: {
      ...context,
      inconclusive: verdict.weak !== null,
      inconclusive_reason: verdict.weak?.reason ?? null,
      inconclusive_explanation: verdict.weak?.explanation ?? null,
      evidence: verdict.evidence,
      sequences_analysed: verdict.analysed,
      sequences_in_sync: verdict.inSync,
      ...counts,
    },
  };
}
