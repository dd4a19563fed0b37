import type { Word } from '../analysis/signals';
import { STOPWORDS } from '../moments/lexicon';

export const joinWords = (words: readonly Word[]): string => words.map((w) => w.text).join(' ');

/** Sentence case for recogniser output: a capital first letter and a capital "I". */
export const capitalise = (text: string): string => (text.charAt(0).toUpperCase() + text.slice(1)).replace(/\bi\b/g, 'I');

/**
 * The words' text cut to at most `maxChars` and `maxWords`. A cut phrase loses its trailing
 * function words, so it ends on something meaningful ("…in three years", not "…in their").
 */
export function phrase(words: readonly Word[], maxChars: number, maxWords = Infinity): { text: string; cut: boolean } {
  const kept: string[] = [];
  for (const { text } of words) {
    if (kept.length >= maxWords || [...kept, text].join(' ').length > maxChars) break;
    kept.push(text);
  }
  const cut = kept.length < words.length;
  while (cut && kept.length > 1 && STOPWORDS.has(kept[kept.length - 1] ?? '')) kept.pop();
  return { text: kept.join(' '), cut };
}

/** Cuts at a word boundary so the result is at most `max` characters (with "…" when cut). */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** "1:05" for 65 s. */
export function clock(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
