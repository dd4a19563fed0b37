import type { Word } from '../analysis/signals';
import { STOPWORDS } from '../moments/lexicon';

/** How often each content word occurs in the whole transcript. */
export interface KeywordStats {
  readonly totalWords: number;
  readonly counts: ReadonlyMap<string, number>;
}

const isKeyword = (word: string) => word.length >= 4 && /^[a-z][a-z0-9]*$/.test(word) && !STOPWORDS.has(word);

export function keywordStats(words: readonly Word[]): KeywordStats {
  const counts = new Map<string, number>();
  for (const { text } of words) if (isKeyword(text)) counts.set(text, (counts.get(text) ?? 0) + 1);
  return { totalWords: words.length, counts };
}

/**
 * The clip's most characteristic words: frequent in the clip, rarer in the whole talk, twice as
 * heavy in its headline; ties go to the word said first. The material for hashtags.
 */
export function topKeywords(words: readonly Word[], stats: KeywordStats, limit: number, headline: readonly Word[] = []): string[] {
  const inHeadline = new Set(headline.map((w) => w.text));
  const seen = new Map<string, { count: number; first: number }>();
  words.forEach(({ text }, i) => {
    if (!isKeyword(text)) return;
    const entry = seen.get(text);
    seen.set(text, { count: (entry?.count ?? 0) + 1, first: entry?.first ?? i });
  });
  const weight = (word: string, count: number) =>
    count * Math.log(1 + stats.totalWords / (stats.counts.get(word) ?? 1)) * (inHeadline.has(word) ? 2 : 1);
  return [...seen.entries()]
    .map(([word, { count, first }]) => ({ word, first, weight: weight(word, count) }))
    .sort((a, b) => b.weight - a.weight || a.first - b.first)
    .slice(0, limit)
    .map((entry) => entry.word);
}

export const hashtags = (keywords: readonly string[]): string => keywords.map((k) => `#${k}`).join(' ');
