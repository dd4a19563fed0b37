import { clamp01, type MediaIndex } from './media-index';
import type { TextIndex } from './text-index';

/** The signals of one window, each 0–1, kept with its score for logs and tests. */
export interface WindowSignals {
  readonly speechDensity: number;
  readonly hook: number;
  readonly questions: number;
  readonly numbers: number;
  readonly energy: number;
  readonly scenePace: number;
  readonly activity: number;
  /** How cleanly the window starts and ends (pause lengths). */
  readonly completeness: number;
}

/** How much each signal counts. Talk: mostly what is said; no speech: what is seen. */
const SPEECH_WEIGHTS = { speechDensity: 0.2, hook: 0.2, questions: 0.1, numbers: 0.1, energy: 0.15, scenePace: 0.1, activity: 0, completeness: 0.15 };
const VISUAL_WEIGHTS = { speechDensity: 0, hook: 0, questions: 0, numbers: 0, energy: 0.15, scenePace: 0.4, activity: 0.3, completeness: 0.15 };
/** The opening seconds in which hook words count. */
const HOOK_WINDOW_S = 6;

export interface Window {
  readonly start: number;
  readonly end: number;
  readonly startStrength: number;
  readonly endStrength: number;
}

/** Measures each signal of a window. */
export function measureWindow(window: Window, text: TextIndex, media: MediaIndex): WindowSignals {
  const { start: a, end: b } = window;
  const lengthS = b - a;
  const all = text.count(a, b);
  const opening = text.count(a, Math.min(b, a + HOOK_WINDOW_S));
  return {
    speechDensity: 0.6 * clamp01(all.words / lengthS / 2.8) + 0.4 * clamp01(all.voicedS / lengthS / 0.85),
    hook: clamp01(opening.hooks / 2 + (opening.questions > 0 ? 0.5 : 0)),
    questions: clamp01(all.questions / 2),
    numbers: clamp01(all.numbers / 3),
    energy: media.energy(a, b),
    scenePace: clamp01(media.cutsPerMinute(a, b) / 8),
    activity: clamp01(media.activity(a, b)),
    completeness: (window.startStrength + window.endStrength) / 2,
  };
}

/**
 * 0–100: the weighted signals, times a preference for 20–45 s (platforms favour them; 15 and
 * 60 s still score 80 % of an equal window of ideal length).
 */
export function scoreWindow(window: Window, signals: WindowSignals, hasSpeech: boolean): number {
  const weights = hasSpeech ? SPEECH_WEIGHTS : VISUAL_WEIGHTS;
  const weighted = (Object.keys(weights) as (keyof WindowSignals)[]).reduce((sum, key) => sum + weights[key] * signals[key], 0);
  return Math.round(100 * clamp01(weighted * lengthFit(window.end - window.start)));
}

function lengthFit(lengthS: number): number {
  if (lengthS < 20) return 0.8 + (0.2 * (lengthS - 15)) / 5;
  if (lengthS > 45) return 1 - (0.2 * (lengthS - 45)) / 15;
  return 1;
}
