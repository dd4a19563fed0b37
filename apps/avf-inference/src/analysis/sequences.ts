/** A run of consecutive frames analysed together. */
export interface SequenceSpan {
  readonly index: number;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/**
 * Splits `frames` into sequences of `length`. A remainder of at least half a sequence stands on
 * its own; a shorter one joins the previous sequence, so no verdict rests on a sliver of frames.
 * With `exact` (a model that only takes `length` frames) a short remainder is left out instead.
 */
export function planSequences(frames: number, length: number, exact = false): SequenceSpan[] {
  const spans: SequenceSpan[] = [];
  for (let start = 0; start < frames; start += length) {
    const end = Math.min(frames, start + length);
    const short = end - start < length;
    if (short && exact) break;
    if (short && end - start < length / 2 && spans.length > 0) {
      spans[spans.length - 1] = { ...spans[spans.length - 1], end } as SequenceSpan;
      break;
    }
    spans.push({ index: spans.length, start, end });
  }
  return spans;
}
