import type { Pause } from '../analysis/signals';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Splits the audio into pieces of about `targetS`, each cut in the middle of a pause so no word
 * is split (a piece with no pause within reach is cut hard at `maxS`). Pieces let recognisers run
 * in parallel, and short utterances decode faster than one long one.
 */
export function planChunks(durationS: number, pauses: readonly Pause[], targetS: number, maxS: number): Span[] {
  const spans: Span[] = [];
  let start = 0;
  while (durationS - start > maxS) {
    const ideal = start + targetS;
    const split = pauses
      .map((pause) => (pause.start + pause.end) / 2)
      .filter((mid) => mid > start + targetS / 2 && mid <= start + maxS)
      .reduce<number | null>((best, mid) => (best === null || Math.abs(mid - ideal) < Math.abs(best - ideal) ? mid : best), null);
    const end = split ?? start + maxS;
    spans.push({ start, end });
    start = end;
  }
  if (durationS > start) spans.push({ start, end: durationS });
  return spans;
}
