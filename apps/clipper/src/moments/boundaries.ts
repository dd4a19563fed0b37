import type { MediaSignals } from '../analysis/signals';
import { lowerBound, type TextIndex } from './text-index';

/** A time a clip may start or end at, and how clean a cut it makes (0–1). */
export interface Boundary {
  readonly t: number;
  readonly strength: number;
}

/** A gap between words this long is a place to cut even where silencedetect heard noise. */
const WORD_GAP_S = 0.3;
/** A pause this long is a certain sentence end. */
const FULL_STOP_S = 0.8;
/** Without speech, scenes longer than this get extra boundaries every `GRID_S`. */
const GRID_S = 5;
const MERGE_S = 0.25;

/**
 * Where clips may start and end. With speech: in pauses (at the scene cut inside the pause when
 * there is one, so the clip also starts on a fresh shot), at cuts that fall between words, and at
 * the ends of the video. Without speech: at cuts, pauses and a 5 s grid.
 */
export function findBoundaries(signals: MediaSignals, text: TextIndex, hasSpeech: boolean): Boundary[] {
  const found: Boundary[] = [{ t: 0, strength: 1 }, { t: signals.durationS, strength: 1 }];
  const firstCutFrom = (from: number) => signals.cuts[lowerBound(signals.cuts, from)] ?? Infinity;
  const gap = (start: number, end: number) => {
    const cut = firstCutFrom(start - 0.1);
    const t = cut <= end + 0.1 ? cut : (start + end) / 2;
    found.push({ t, strength: Math.min(1, (end - start) / FULL_STOP_S) });
  };
  for (const pause of signals.pauses) gap(pause.start, pause.end);
  text.words.forEach((word, i) => {
    const next = text.words[i + 1];
    if (next && next.start - word.end >= WORD_GAP_S) gap(word.end, next.start);
  });
  for (const cut of signals.cuts) if (!text.isInsideWord(cut)) found.push({ t: cut, strength: hasSpeech ? 0.4 : 1 });
  if (!hasSpeech) for (let t = GRID_S; t < signals.durationS; t += GRID_S) found.push({ t, strength: 0.3 });
  const usable = found.filter((b) => b.t >= 0 && b.t <= signals.durationS && (!hasSpeech || !text.isInsideWord(b.t)));
  return merge(usable, Math.floor(signals.durationS * 100) / 100);
}

/** Sorted, with boundaries closer than `MERGE_S` folded into the strongest, on 10 ms steps. */
function merge(boundaries: Boundary[], lastT: number): Boundary[] {
  const sorted = [...boundaries].sort((a, b) => a.t - b.t);
  const merged: Boundary[] = [];
  for (const boundary of sorted) {
    const last = merged.at(-1);
    if (last && boundary.t - last.t < MERGE_S) {
      if (boundary.strength > last.strength) merged[merged.length - 1] = boundary;
      continue;
    }
    merged.push(boundary);
  }
  return merged.map((b) => ({ t: Math.min(lastT, Math.round(b.t * 100) / 100), strength: b.strength }));
}
