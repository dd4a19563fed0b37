import type { Word } from '../analysis/signals';

/** A gap between words this long ends a sentence (recognisers give no punctuation). */
export const SENTENCE_GAP_S = 0.15;

/** Groups words into sentences at pauses. */
export function splitSentences(words: readonly Word[], gapS = SENTENCE_GAP_S): Word[][] {
  const sentences: Word[][] = [];
  let current: Word[] = [];
  for (const word of words) {
    const last = current.at(-1);
    if (last && word.start - last.end >= gapS) {
      sentences.push(current);
      current = [];
    }
    current.push(word);
  }
  if (current.length > 0) sentences.push(current);
  return sentences;
}
