import type { Word } from '../analysis/signals';
import { keywordStats } from './keywords';
import { extractiveCaptions, shortsTitle } from './local-captioner';

function words(text: string, from = 0): Word[] {
  let t = from;
  return text.split(' ').map((w) => {
    const gap = w.endsWith('.') ? 0.4 : 0.05;
    const word = { text: w.replace('.', ''), start: t, end: t + 0.3 };
    t += 0.3 + gap;
    return word;
  });
}

const CLIP = words('let us begin. why do most startups fail in their first three years. the answer is the team and how the team decides. startups need a team');
const TALK = [...CLIP, ...words('the weather will be grey and the wind will come from the west', 40)];

describe('extractive captions', () => {
  const captions = extractiveCaptions({ index: 1, moment: { start: 0, end: 20, score: 80 }, words: CLIP, keywords: keywordStats(TALK) });

  it('titles the clip with its most gripping sentence, as a question when it asks one', () => {
    expect(captions.title).toBe('Why do most startups fail in their first three years?');
  });

  it('writes captions from the transcript with hashtags of the clip’s own topics', () => {
    expect(captions.video_description_for_tiktok).toBe('Why do most startups fail in their first three years? #startups #team #fail');
    expect(captions.video_description_for_instagram).toMatch(/^Let us begin why do most startups .* #startups #team #fail #first #three$/);
    expect(captions.video_description_for_instagram).not.toMatch(/#weather|#wind/);
  });

  it('keeps the Shorts title within 100 characters', () => {
    expect(captions.video_title_for_youtube_short).toBe('Why do most startups fail in their first three years? #shorts');
    const long = shortsTitle('word '.repeat(40).trim());
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long.endsWith('…')).toBe(true);
  });

  it('names the moment when nothing is said', () => {
    const silent = extractiveCaptions({ index: 2, moment: { start: 65, end: 95.5, score: 40 }, words: [], keywords: keywordStats([]) });
    expect(silent.title).toBe('Highlight 2: 1:05–1:35');
    expect(silent.video_description_for_tiktok).toContain('#');
  });
});
