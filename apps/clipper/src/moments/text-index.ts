import type { Word } from '../analysis/signals';
import { HOOK_WORDS, isNumberWord, PRONOUNS, QUESTION_AUXILIARIES, QUESTION_OPENERS } from './lexicon';
import { SENTENCE_GAP_S } from './sentences';

/**
 * Prefix counts over the transcript, so each of thousands of candidate windows is scored in
 * O(log n) instead of re-reading its words.
 */
export class TextIndex {
  private readonly starts: number[];
  private readonly hooks: number[];
  private readonly numbers: number[];
  private readonly questions: number[];
  private readonly voiced: number[];

  constructor(readonly words: readonly Word[]) {
    this.starts = words.map((w) => w.start);
    this.hooks = prefix(words, (w) => (HOOK_WORDS.has(w.text) ? 1 : 0));
    this.numbers = prefix(words, (w) => (isNumberWord(w.text) ? 1 : 0));
    this.questions = prefix(words, (_word, i) => (opensQuestion(words, i) ? 1 : 0));
    this.voiced = prefix(words, (w) => Math.max(0, w.end - w.start));
  }

  /** Indexes [from, to) of the words that start inside [a, b). */
  range(a: number, b: number): [number, number] {
    return [lowerBound(this.starts, a - 0.02), lowerBound(this.starts, b)];
  }

  count(a: number, b: number): { words: number; hooks: number; numbers: number; questions: number; voicedS: number } {
    const [from, to] = this.range(a, b);
    const between = (sums: number[]) => (sums[to] ?? 0) - (sums[from] ?? 0);
    return { words: to - from, hooks: between(this.hooks), numbers: between(this.numbers), questions: between(this.questions), voicedS: between(this.voiced) };
  }

  /** True when a word is being spoken at `t` (a clip must not start or end there). */
  isInsideWord(t: number): boolean {
    const next = lowerBound(this.starts, t);
    const previous = this.words[next - 1];
    return previous !== undefined && previous.end > t + 0.02;
  }
}

/** A sentence that starts with "why/how/what…" or with "do you/can we…". */
function opensQuestion(words: readonly Word[], i: number): boolean {
  const word = words[i];
  const before = words[i - 1];
  if (!word || (before && word.start - before.end < SENTENCE_GAP_S)) return false;
  if (QUESTION_OPENERS.has(word.text)) return true;
  const after = words[i + 1];
  return QUESTION_AUXILIARIES.has(word.text) && after !== undefined && PRONOUNS.has(after.text);
}

function prefix(words: readonly Word[], value: (word: Word, index: number) => number): number[] {
  const sums = [0];
  words.forEach((word, i) => sums.push((sums[i] ?? 0) + value(word, i)));
  return sums;
}

/** First index whose value is >= target, in an ascending array. */
export function lowerBound(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((values[mid] ?? Infinity) < target) low = mid + 1;
    else high = mid;
  }
  return low;
}
