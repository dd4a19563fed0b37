import { crossCorrelate } from './correlation';
import { detrend } from './detrend';
import { smooth, spread } from './mouth-signal';
import { SEQUENCE_STATUS, type SequenceReport } from './sequence-report';
import type { SequenceSpan } from './sequences';

export interface SyncSettings {
  /** Lags tried on each side of 0, in frames (±15 by default). */
  readonly maxLag: number;
  /** Lags this close to 0 count as in sync, in frames. */
  readonly tolerance: number;
  /** RMS above which a frame is voiced (see `voicedThreshold`). */
  readonly voicedRms: number;
  /** Moving-average window removed from both signals before correlating (see `detrend`). */
  readonly detrendWindow: number;
  /** Frames the mouth signal is averaged over before correlating (see `smooth`); 1 or absent: none. */
  readonly smoothWindow?: number;
}

/** What the clip-level decision needs from one analysed sequence (local backend). */
export interface SequenceSync {
  readonly frames: number;
  /** r at each lag from -maxLag to +maxLag. */
  readonly correlations: readonly number[];
  readonly maxLag: number;
  /** Spread of the smoothed, detrended mouth opening (share of the eye distance): how much the mouth moves. */
  readonly movement: number;
}

export interface SequenceEvidence {
  readonly report: SequenceReport;
  /** Null when the sequence was not analysed. */
  readonly sync: SequenceSync | null;
}

/** A face must be measured in this share of a sequence's frames. */
const MIN_FACE_SHARE = 0.6;
/** Speech must be heard in this share of a sequence's frames. */
const MIN_VOICED_SHARE = 0.2;
/** Speech rises and falls; a steady sound (a tone, a hum) carries no timing to compare. */
const MIN_ENERGY_VARIATION = 0.2;
/** A mouth that moves less than this (share of the eye distance) is still. */
const MIN_MOUTH_MOVEMENT = 0.004;
/** Shorter sequences cannot show a correlation worth the name. */
const MIN_FRAMES = 10;
/** Correlation at sync below R_WEAK is no evidence of sync; above R_STRONG it is full evidence. */
const R_WEAK = 0.2;
const R_STRONG = 0.6;
/** A correlation this much stronger at another lag means the audio is shifted. */
const OFFSET_MARGIN = 0.3;

/** The lag tolerance for a frame rate: about 80 ms, at least one frame. */
export function syncTolerance(fps: number): number {
  return Math.max(1, Math.round(0.08 * fps));
}

/**
 * Judges one sequence: is there a face and speech to compare, and if so does the mouth open
 * with the sound at (about) the same time. Both signals are detrended first, so what is compared
 * is syllable timing rather than when the talking starts and stops. The forgery probability is high when the correlation
 * near lag 0 is weak, or when a clearly stronger one sits at another lag (shifted audio).
 */
export function judgeSequence(span: SequenceSpan, mouth: Float64Array, energy: Float64Array, settings: SyncSettings): SequenceReport {
  return sequenceEvidence(span, mouth, energy, settings).report;
}

/** `judgeSequence`'s report with the correlation curve and mouth movement behind it. */
export function sequenceEvidence(span: SequenceSpan, mouth: Float64Array, energy: Float64Array, settings: SyncSettings): SequenceEvidence {
  const frames = span.end - span.start;
  const base = { index: span.index, start_frame: span.start, frames };
  const measured = mouth.filter((value) => !Number.isNaN(value));
  const face = measured.length >= MIN_FACE_SHARE * frames;
  const speech = hasSpeech(energy, settings.voicedRms);
  const empty = { correlation: null, lag: null, correlation_at_sync: null, in_sync: null, forgery_probability: null };
  const unanalysed = (status: SequenceReport['status']) => ({ report: { ...base, status, face, speech, ...empty }, sync: null });
  if (frames < MIN_FRAMES) return unanalysed(SEQUENCE_STATUS.tooShort);
  if (!face) return unanalysed(SEQUENCE_STATUS.noFace);
  if (!speech) return unanalysed(SEQUENCE_STATUS.noSpeech);

  const still = standardDeviation(measured) < MIN_MOUTH_MOVEMENT;
  const maxLag = Math.min(settings.maxLag, Math.floor(frames / 2));
  const mouthMoves = detrend(smooth(mouth, settings.smoothWindow ?? 1), settings.detrendWindow);
  const curve = crossCorrelate(mouthMoves, detrend(energy, settings.detrendWindow), maxLag);
  const lags = curve.map((c) => (still ? { ...c, r: 0 } : c));
  const best = lags.reduce((a, b) => (b.r > a.r || (b.r === a.r && Math.abs(b.lag) < Math.abs(a.lag)) ? b : a));
  const atSync = Math.max(...lags.filter((c) => Math.abs(c.lag) <= settings.tolerance).map((c) => c.r));
  const weakSync = 1 - clamp01((atSync - R_WEAK) / (R_STRONG - R_WEAK));
  const offset = clamp01((best.r - atSync) / OFFSET_MARGIN);
  const probability = Math.max(weakSync, offset);
  const report = {
    ...base,
    status: SEQUENCE_STATUS.analysed,
    face,
    speech,
    correlation: round(best.r),
    lag: best.lag,
    correlation_at_sync: round(atSync),
    in_sync: probability < 0.5,
    forgery_probability: round(probability),
  };
  return { report, sync: { frames, correlations: curve.map((c) => c.r), maxLag, movement: spread(mouthMoves) } };
}

function hasSpeech(energy: Float64Array, voicedRms: number): boolean {
  const voiced = energy.filter((value) => value >= voicedRms).length;
  if (voiced < MIN_VOICED_SHARE * energy.length) return false;
  const mean = energy.reduce((sum, value) => sum + value, 0) / energy.length;
  return mean > 0 && standardDeviation(energy) / mean >= MIN_ENERGY_VARIATION;
}

function standardDeviation(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return Math.sqrt(squares / values.length);
}

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));
export const round = (value: number, digits = 3): number => Math.round(value * 10 ** digits) / 10 ** digits;
