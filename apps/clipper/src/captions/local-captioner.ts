import type { Word } from '../analysis/signals';
import { HOOK_WORDS, isNumberWord, QUESTION_OPENERS } from '../moments/lexicon';
import { splitSentences } from '../moments/sentences';
import { SHORTS_TITLE_MAX, type CaptionRequest, type Captioner, type Captions } from './captioner';
import { hashtags, topKeywords } from './keywords';
import { capitalise, clock, phrase, truncateWords } from './text';

const TITLE_WORDS = 12;
const TITLE_CHARS = 70;

/**
 * Extractive titles and captions: the clip's most gripping opening sentence becomes the title,
 * its first sentences the captions, its characteristic words the hashtags. No model, no cost.
 */
export class LocalCaptioner implements Captioner {
  readonly description = 'extractive (local)';

  async caption(request: CaptionRequest): Promise<Captions> {
    return extractiveCaptions(request);
  }
}

export function extractiveCaptions({ index, moment, words, keywords }: Pick<CaptionRequest, 'index' | 'moment' | 'words' | 'keywords'>): Captions {
  const sentences = splitSentences(words);
  if (sentences.length === 0) return visualCaptions(index, moment.start, moment.end);
  const headline = pickHeadline(sentences.slice(0, 3));
  const ending = QUESTION_OPENERS.has(headline[0]?.text ?? '') ? '?' : '';
  const title = capitalise(phrase(headline, TITLE_CHARS, TITLE_WORDS).text) + ending;
  const opening = phrase(headline, 110);
  const excerpt = phrase(sentences.slice(0, 3).flat(), 220);
  const tags = topKeywords(words, keywords, 5, headline);
  return {
    title,
    video_description_for_tiktok: `${capitalise(opening.text)}${ending || (opening.cut ? '…' : '')} ${hashtags(tags.slice(0, 3))}`.trim(),
    video_description_for_instagram: `${capitalise(excerpt.text)}${excerpt.cut ? '…' : '.'} ${hashtags(tags)}`.trim(),
    video_title_for_youtube_short: shortsTitle(title),
  };
}

/** The sentence with the most hooks, questions and numbers (the earliest on a tie). */
function pickHeadline(sentences: readonly Word[][]): Word[] {
  const weight = (sentence: Word[]) =>
    sentence.reduce((sum, w) => sum + (HOOK_WORDS.has(w.text) ? 1 : 0) + (isNumberWord(w.text) ? 1 : 0), 0) +
    (QUESTION_OPENERS.has(sentence[0]?.text ?? '') ? 2 : 0) +
    (sentence.length >= 4 ? 1 : 0);
  return sentences.reduce((best, sentence) => (weight(sentence) > weight(best) ? sentence : best));
}

/** Without speech there is nothing to quote: say where the clip is. */
function visualCaptions(index: number, start: number, end: number): Captions {
  const title = `Highlight ${index}: ${clock(start)}–${clock(end)}`;
  return {
    title,
    video_description_for_tiktok: `${title} #highlights`,
    video_description_for_instagram: `${title} #highlights #reels`,
    video_title_for_youtube_short: shortsTitle(title),
  };
}

export function shortsTitle(title: string): string {
  const tagged = `${title} #shorts`;
  return tagged.length <= SHORTS_TITLE_MAX ? tagged : truncateWords(title, SHORTS_TITLE_MAX);
}
