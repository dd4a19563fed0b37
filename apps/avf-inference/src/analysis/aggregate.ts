import { SEQUENCE_STATUS, type SequenceReport } from './sequence-report';
import { round } from './sync-evidence';

export const INCONCLUSIVE_REASON = {
  noFace: 'no_face',
  noSpeech: 'no_speech',
  noFaceWithSpeech: 'no_face_with_speech',
  tooShort: 'too_short',
} as const;
export type InconclusiveReason = (typeof INCONCLUSIVE_REASON)[keyof typeof INCONCLUSIVE_REASON];

export type Verdict =
  | { readonly kind: 'verdict'; readonly prediction: 'real' | 'fake'; readonly score: number; readonly confidence: number; readonly analysed: number; readonly inSync: number }
  | { readonly kind: 'inconclusive'; readonly reason: InconclusiveReason; readonly explanation: string };

/**
 * Turns per-sequence forgery probabilities into one verdict. The score is their mean weighted by
 * frames (a short tail counts less); `fake` from 0.5 up. Confidence is the distance of the score
 * from 0.5, scaled down when few sequences back it (n/(n+1)): one sequence is thin evidence.
 * Without a single analysed sequence there is no verdict, only the reason why.
 */
export function aggregate(sequences: readonly SequenceReport[]): Verdict {
  const analysed = sequences.flatMap((s) => (s.status === SEQUENCE_STATUS.analysed && s.forgery_probability !== null ? [{ frames: s.frames, probability: s.forgery_probability }] : []));
  if (analysed.length === 0) return inconclusive(sequences);
  const frames = analysed.reduce((sum, s) => sum + s.frames, 0);
  const score = analysed.reduce((sum, s) => sum + s.probability * s.frames, 0) / frames;
  const support = analysed.length / (analysed.length + 1);
  return {
    kind: 'verdict',
    prediction: score >= 0.5 ? 'fake' : 'real',
    score: round(score),
    confidence: round(Math.abs(2 * score - 1) * support),
    analysed: analysed.length,
    inSync: analysed.filter((s) => s.probability < 0.5).length,
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
