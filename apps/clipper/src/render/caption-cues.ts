import type { Word } from '../analysis/signals';

/** One burned-in caption: a few words shown from `start` to `end`, in seconds of the clip. */
export interface CaptionCue {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const MAX_WORDS = 4;
const MAX_CHARS = 22;
/** How long the last words stay up after they are said. */
const LINGER_S = 0.6;

/**
 * Groups the clip's words into short cues (one line on a phone screen), each shown until the
 * next begins, timed relative to the clip's start.
 */
export function captionCues(words: readonly Word[], clipStart: number, clipEnd: number): CaptionCue[] {
  const groups: Word[][] = [];
  for (const word of words) {
    const current = groups.at(-1);
    const text = current ? `${current.map((w) => w.text).join(' ')} ${word.text}` : word.text;
    if (current && current.length < MAX_WORDS && text.length <= MAX_CHARS) current.push(word);
    else groups.push([word]);
  }
  const lengthS = clipEnd - clipStart;
  return groups.map((group, i) => {
    const next = groups[i + 1]?.[0];
    const last = group[group.length - 1] as Word;
    const end = next ? next.start : Math.min(clipEnd, last.end + LINGER_S);
    return {
      text: group.map((w) => w.text).join(' '),
      start: round(Math.max(0, (group[0] as Word).start - clipStart)),
      end: round(Math.min(lengthS, end - clipStart)),
    };
  });
}

const round = (t: number) => Math.round(t * 100) / 100;
