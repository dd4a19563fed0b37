import type { Word } from '../analysis/signals';

// With `-time yes` each recognised token is a line "word start end probability".
const WORD_LINE = /^(\S+)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)$/;
// Real words start with a letter; `<s>`, `</s>`, `<sil>`, `[NOISE]`, `++UH++` are fillers.
const REAL_WORD = /^[a-z][a-z'.-]*$/i;

/**
 * The words of `pocketsphinx_continuous -time yes` output, shifted by `offsetS` (the start of the
 * piece of audio in the source). Fillers are dropped and alternate-pronunciation markers such as
 * `the(2)` are stripped.
 */
export function parsePocketsphinxWords(stdout: string, offsetS = 0): Word[] {
  const words: Word[] = [];
  for (const line of stdout.split('\n')) {
    const match = WORD_LINE.exec(line.trim());
    if (!match) continue;
    const text = (match[1] ?? '').replace(/\(\d+\)$/, '');
    if (!REAL_WORD.test(text)) continue;
    words.push({ text: text.toLowerCase(), start: round(Number(match[2]) + offsetS), end: round(Number(match[3]) + offsetS) });
  }
  return words;
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
