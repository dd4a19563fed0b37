import type { ClipSync } from './clip-sync';

/** What the clip's evidence shows. Only `offset`, `still` and `unrelated` are evidence of forgery. */
export const SYNC_FINDING = {
  inSync: 'in_sync',
  offset: 'offset',
  still: 'still',
  unrelated: 'unrelated',
  weak: 'weak',
} as const;
export type SyncFinding = (typeof SYNC_FINDING)[keyof typeof SYNC_FINDING];

export const WEAK_REASON = { faceTooSmall: 'face_too_small', weakMouthSignal: 'weak_mouth_signal' } as const;
export type WeakReason = (typeof WEAK_REASON)[keyof typeof WEAK_REASON];

export interface SyncDecision {
  readonly finding: SyncFinding;
  /** 0..1; `fake` from 0.5 up, and only for a finding that is evidence of forgery. */
  readonly score: number;
  /** Set when the evidence is too weak to tell: why, in a code and in words. */
  readonly weak: { readonly reason: WeakReason; readonly explanation: string } | null;
  /** One line for people: what was found. */
  readonly summary: string;
}

export interface DecisionContext {
  readonly fps: number;
  /** Lags this close to 0 count as in sync, in frames. */
  readonly tolerance: number;
  /** Median mouth width in the analysed frames, in pixels; null when unknown. */
  readonly mouthWidthPx: number | null;
}

/**
 * A mean correlation peak counts when it reaches PEAK_R (more over few sequences, whose mean
 * still carries chance peaks: PEAK_R_SPREAD/√n) and stands PEAK_PROMINENCE deviations above the
 * other lags.
 */
const PEAK_R = 0.35;
const PEAK_R_SPREAD = 0.9;
const PEAK_PROMINENCE = 3;
/** Peak correlation at which the evidence is full (score 0 for sync, 1 for an offset). */
const FULL_R = 0.75;
/** An offset peak must beat the best correlation at sync by this much (a broad peak near 0 is sync). */
const OFFSET_MARGIN = 0.2;
/** Below this mean spread of the mouth opening (share of the eye distance) the mouth does not move. */
const STILL_MOVEMENT = 0.01;
/**
 * A large, moving mouth whose best mean correlation at any lag stays under this follows other
 * sound (dubs measured 0.10-0.20 over 19 s, more by chance over a few sequences).
 */
const UNRELATED_R = 0.3;
/** Sequences needed before the absence of a peak means anything (chance peaks average out slowly). */
const MIN_SEQUENCES_FOR_ABSENCE = 3;
/** Narrower mouths than this (in the video's pixels) are too few pixels for the mesh to follow the lips. */
const MIN_MOUTH_PX = 16;
/**
 * Only a mouth at least this wide (in the video's pixels) is read well enough for the absence of
 * any peak to mean other speech: on 320x180 CRF 38 copies (a 34-41 px mouth) an in-sync talking
 * head can lose its peak to compression as completely as a dub never had one (best mean r 0.15
 * against a dub's 0.12); 480x270 copies (~50 px) keep a clear peak when in sync.
 */
const MIN_ABSENCE_MOUTH_PX = 46;
/** A faint best correlation near lag 0 of at least NEAR_SYNC_R, this far above the rest, leans towards sync. */
const NEAR_SYNC_PROMINENCE = 2.5;
const NEAR_SYNC_R = 0.2;
/** Score of an inconclusive clip: below the fake threshold, since nothing was shown to be forged. */
export const INCONCLUSIVE_SCORE = 0.45;
/** An in-sync clip scores at most this (a barely clear peak), 0 with full evidence. */
const IN_SYNC_MAX_SCORE = 0.45;

/**
 * Separates "the mouth follows the speech at a lag other than ~0" (an offset: fake) from "the
 * mouth signal is too weak to tell" (inconclusive). A readable mouth that never moves while
 * someone speaks is evidence (a still image); otherwise a clear mean correlation peak is evidence
 * whichever lag it sits at, and without one a clearly moving mouth that follows the speech at no
 * lag over enough sequences is evidence too (a dub). Anything else is absence of evidence, never
 * evidence of forgery.
 */
export function decideSync(sync: ClipSync, context: DecisionContext): SyncDecision {
  const seconds = (frames: number) => `${(frames / context.fps).toFixed(2)} s`;
  const found = `mean r=${sync.peak.toFixed(2)} at lag ${sync.lag} (${seconds(sync.lag)}), ${sync.prominence.toFixed(1)} deviations above the other lags`;
  const strength = clamp01((sync.peak - PEAK_R) / (FULL_R - PEAK_R));
  const mouth = context.mouthWidthPx;
  const readable = mouth === null || mouth >= MIN_MOUTH_PX;
  // A mouth that does not move carries no timing: whatever its jitter correlates with is chance.
  if (readable && sync.movement < STILL_MOVEMENT) {
    return { finding: SYNC_FINDING.still, score: 0.55 + 0.45 * clamp01(1 - sync.movement / STILL_MOVEMENT), weak: null, summary: `the mouth does not move while someone speaks (movement ${sync.movement.toFixed(4)} of the eye distance)` };
  }
  if (sync.peak >= Math.max(PEAK_R, PEAK_R_SPREAD / Math.sqrt(sync.sequences)) && sync.prominence >= PEAK_PROMINENCE) {
    const offset = Math.abs(sync.lag) > context.tolerance && sync.peak - sync.atSync >= OFFSET_MARGIN;
    if (offset) return { finding: SYNC_FINDING.offset, score: 0.55 + 0.45 * strength, weak: null, summary: `the mouth follows the sound ${sync.lag > 0 ? 'late' : 'early'} by ${seconds(Math.abs(sync.lag))}: ${found}` };
    return { finding: SYNC_FINDING.inSync, score: IN_SYNC_MAX_SCORE * (1 - strength), weak: null, summary: `the mouth follows the sound in sync: ${found}` };
  }
  if (!readable) return weak(WEAK_REASON.faceTooSmall, `face too small: mouth region ${Math.round(mouth ?? 0)} px wide`);
  if (mouth !== null && mouth < MIN_ABSENCE_MOUTH_PX) {
    return weak(WEAK_REASON.weakMouthSignal, `the mouth signal is too weak to tell: no clear peak (best ${found}) on a mouth region ${Math.round(mouth)} px wide`);
  }
  // A weak best correlation at about lag 0 leans towards sync, however faint: never read as a dub.
  const nearSync = Math.abs(sync.lag) <= context.tolerance && sync.peak >= NEAR_SYNC_R && sync.prominence >= NEAR_SYNC_PROMINENCE;
  if (sync.peak < UNRELATED_R && !nearSync && sync.sequences >= MIN_SEQUENCES_FOR_ABSENCE) {
    return { finding: SYNC_FINDING.unrelated, score: 0.55 + 0.45 * clamp01((UNRELATED_R - sync.peak) / UNRELATED_R), weak: null, summary: `the mouth moves but follows the speech at no lag: best ${found}` };
  }
  return weak(WEAK_REASON.weakMouthSignal, `the mouth signal is too weak to tell: best ${found} over ${sync.sequences} sequences`);
}

function weak(reason: WeakReason, explanation: string): SyncDecision {
  return { finding: SYNC_FINDING.weak, score: INCONCLUSIVE_SCORE, weak: { reason, explanation }, summary: explanation };
}

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));
