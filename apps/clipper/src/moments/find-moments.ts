import type { MediaSignals } from '../analysis/signals';
import { findBoundaries, type Boundary } from './boundaries';
import { MediaIndex } from './media-index';
import { measureWindow, scoreWindow } from './score';
import { selectMoments, type Moment } from './select';
import { TextIndex } from './text-index';

export interface MomentOptions {
  readonly maxClips: number;
  readonly minS?: number;
  readonly maxS?: number;
}

export interface MomentPlan {
  /** Best first, not overlapping. */
  readonly moments: readonly Moment[];
  readonly candidates: number;
  readonly hasSpeech: boolean;
  /** Why fewer moments than asked for were picked (empty when the maximum was reached). */
  readonly shortfall: string | null;
}

/** Fewer recognised words than this is no talk: the clips are chosen on what is seen. */
const MIN_SPEECH_WORDS = 10;
/** Windows scoring below this (mostly silence or nothing happening) are not worth a clip. */
const MIN_SCORE = 10;
/** In a talk, a window mostly without speech is dead air. */
const MIN_VOICED_DENSITY = 0.25;

/**
 * Every window of 15–60 s between two boundaries is a candidate; each is scored and the best
 * non-overlapping ones are picked.
 */
export function findMoments(signals: MediaSignals, options: MomentOptions): MomentPlan {
  const minS = options.minS ?? 15;
  const maxS = options.maxS ?? 60;
  const text = new TextIndex(signals.words);
  const media = new MediaIndex(signals);
  const hasSpeech = signals.words.length >= MIN_SPEECH_WORDS;
  const boundaries = findBoundaries(signals, text, hasSpeech);
  const all: Moment[] = [];
  for (let i = 0; i < boundaries.length; i++) {
    for (let j = i + 1; j < boundaries.length; j++) {
      const window = windowOf(boundaries[i] as Boundary, boundaries[j] as Boundary);
      const lengthS = window.end - window.start;
      if (lengthS < minS) continue;
      if (lengthS > maxS) break;
      if (media.cutNearEdge(window.start, window.end)) continue;
      const measured = measureWindow(window, text, media);
      if (hasSpeech && measured.speechDensity < MIN_VOICED_DENSITY) continue;
      all.push({ start: window.start, end: window.end, score: scoreWindow(window, measured, hasSpeech) });
    }
  }
  const worthy = all.filter((m) => m.score >= MIN_SCORE);
  const moments = selectMoments(worthy, options.maxClips);
  return { moments, candidates: all.length, hasSpeech, shortfall: explainShortfall(signals.durationS, all, moments, options.maxClips, minS, maxS) };
}

function windowOf(from: Boundary, to: Boundary) {
  return { start: from.t, end: to.t, startStrength: from.strength, endStrength: to.strength };
}

function explainShortfall(durationS: number, all: readonly Moment[], picked: readonly Moment[], maxClips: number, minS: number, maxS: number): string | null {
  if (picked.length >= maxClips) return null;
  const room = Math.floor(durationS / minS);
  if (all.length === 0) return `no ${minS}–${maxS} s stretch of the ${durationS.toFixed(1)} s video starts and ends on a pause or a scene cut`;
  const free = all.filter((m) => picked.every((p) => m.end <= p.start || m.start >= p.end));
  if (free.length > 0) return `the other ${minS}–${maxS} s stretches that fit scored under ${MIN_SCORE} (little speech or action)`;
  return `a ${durationS.toFixed(1)} s video has room for at most ${room} clips of ${minS} s, and no other ${minS}–${maxS} s stretch between pauses fits between the ${picked.length} picked`;
}
