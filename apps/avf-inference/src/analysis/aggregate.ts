import { clipSync } from './clip-sync';
import { SEQUENCE_STATUS, type SequenceReport } from './sequence-report';
import { decideSync, type DecisionContext, type SyncFinding, type WeakReason } from './sync-decision';
import { round, type SequenceSync } from './sync-evidence';

export const INCONCLUSIVE_REASON = {
  noFace: 'no_face',
  noSpeech: 'no_speech',
  noFaceWithSpeech: 'no_face_with_speech',
  tooShort: 'too_short',
} as const;
export type InconclusiveReason = (typeof INCONCLUSIVE_REASON)[keyof typeof INCONCLUSIVE_REASON];

/** The clip-level synchrony evidence behind a local verdict, as `metadata.evidence` shows it. */
export interface ClipEvidence {
  readonly finding: SyncFinding;
  readonly summary: string;
  readonly lag_frames: number;
  readonly lag_s: number;
  readonly mean_correlation: number;
  readonly mean_correlation_at_sync: number;
  readonly peak_prominence: number;
  readonly peak_consistency: number;
  readonly mouth_movement: number;
  readonly mouth_width_px: number | null;
}

export type Verdict =
  | {
      readonly kind: 'verdict';
      readonly prediction: 'real' | 'fake';
      readonly score: number;
      readonly confidence: number;
      readonly analysed: number;
      readonly inSync: number;
      /** Set when the evidence is too weak to tell: the prediction is then `real` (nothing shown forged) with no confidence. */
      readonly weak: { readonly reason: WeakReason; readonly explanation: string } | null;
      readonly evidence: ClipEvidence | null;
    }
  | { readonly kind: 'inconclusive'; readonly reason: InconclusiveReason; readonly explanation: string };

/** The local backend's per-sequence correlation curves and what the clip-level decision needs besides. */
export interface SyncInput {
  readonly sequences: readonly SequenceSync[];
  readonly context: DecisionContext;
}

/**
 * Turns the sequences into one verdict. With the local backend's correlation curves (`sync`) the
 * score comes from the clip-level decision (`decideSync`); otherwise (a served model) it is the
 * mean per-sequence forgery probability weighted by frames (a short tail counts less). `fake`
 * from 0.5 up. Confidence is the distance of the score from 0.5, scaled down when few sequences
 * back it (n/(n+1)): one sequence is thin evidence; evidence too weak to tell has confidence 0.
 * Without a single analysed sequence there is no verdict, only the reason why.
 */
export function aggregate(sequences: readonly SequenceReport[], sync?: SyncInput): Verdict {
  const analysed = sequences.flatMap((s) => (s.status === SEQUENCE_STATUS.analysed && s.forgery_probability !== null ? [{ frames: s.frames, probability: s.forgery_probability }] : []));
  if (analysed.length === 0) return inconclusive(sequences);
  const clip = sync ? clipSync(sync.sequences, sync.context.tolerance) : null;
  const decision = clip && sync ? decideSync(clip, sync.context) : null;
  const frames = analysed.reduce((sum, s) => sum + s.frames, 0);
  const score = decision?.score ?? analysed.reduce((sum, s) => sum + s.probability * s.frames, 0) / frames;
  const support = analysed.length / (analysed.length + 1);
  return {
    kind: 'verdict',
    prediction: score >= 0.5 ? 'fake' : 'real',
    score: round(score),
    confidence: decision?.weak ? 0 : round(Math.abs(2 * score - 1) * support),
    analysed: analysed.length,
    inSync: analysed.filter((s) => s.probability < 0.5).length,
    weak: decision?.weak ?? null,
    evidence:
      clip && decision && sync
        ? {
            finding: decision.finding,
            summary: decision.summary,
            lag_frames: clip.lag,
            lag_s: round(clip.lag / sync.context.fps),
            mean_correlation: round(clip.peak),
            mean_correlation_at_sync: round(clip.atSync),
            peak_prominence: round(clip.prominence, 2),
            peak_consistency: round(clip.consistency, 2),
            mouth_movement: round(clip.movement, 4),
            mouth_width_px: sync.context.mouthWidthPx === null ? null : round(sync.context.mouthWidthPx, 1),
          }
        : null,
  };
}

function inconclusive(sequences: readonly SequenceReport[]): Verdict {
  const usable = sequences.filter((s) => s.status !== SEQUENCE_STATUS.tooShort);
  if (usable.length === 0) {
    return { kind: 'inconclusive', reason: INCONCLUSIVE_REASON.tooShort, explanation: 'the video is too short to compare lip movement with the audio' };
  }
  const withFace = usable.filter((s) => s.face === true).length;
  const withSpeech = usable.filter((s) => s.speech === true).length;
  if (withFace === 0) {
    return { kind: 'inconclusive', reason: INCONCLUSIVE_REASON.noFace, explanation: 'no face was found in the video, so lip movement could not be compared with the audio' };
  }
  if (withSpeech === 0) {
    return { kind: 'inconclusive', reason: INCONCLUSIVE_REASON.noSpeech, explanation: 'the video has no speech, so lip movement could not be compared with the audio' };
  }
  return {
    kind: 'inconclusive',
    reason: INCONCLUSIVE_REASON.noFaceWithSpeech,
    explanation: `a face and speech never appear together (face in ${withFace}, speech in ${withSpeech} of ${usable.length} sequences)`,
  };
}
