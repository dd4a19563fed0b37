import type { MediaSignals, Pause, Word } from '../analysis/signals';
import { findMoments } from './find-moments';

const DULL = 'the committee met on tuesday to review the minutes of the previous meeting in the same room'.split(' ');
const GRIPPING = 'why do most teams fail here is the secret nobody tells you ninety percent never stop to ask'.split(' ');

/** A talk: sentences of 0.3 s words, 0.5 s pauses between sentences, steady loudness. */
function talk(sentences: readonly string[][], cuts: number[] = []): MediaSignals {
  const words: Word[] = [];
  const pauses: Pause[] = [];
  let t = 0.5;
  for (const sentence of sentences) {
    for (const text of sentence) {
      words.push({ text, start: t, end: t + 0.3 });
      t += 0.35;
    }
    pauses.push({ start: t, end: t + 0.5 });
    t += 0.5;
  }
  const durationS = t + 0.5;
  return {
    durationS, hasAudio: true, words, pauses, cuts,
    loudness: { stepS: 0.1, values: Array.from({ length: Math.ceil(durationS * 10) }, (_, i) => -20 + (i % 7)) },
    activity: Array.from({ length: Math.ceil(durationS) }, () => 0.02),
  };
}

const insideWord = (signals: MediaSignals, t: number) => signals.words.some((w) => w.start < t && w.end > t);

describe('finding moments', () => {
  it('picks 15–60 s moments inside the video, cut in pauses, not overlapping, best first', () => {
    const signals = talk(Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? GRIPPING : DULL)), [40.2, 80.7]);
    const plan = findMoments(signals, { maxClips: 15 });
    expect(plan.moments.length).toBeGreaterThanOrEqual(3);
    for (const m of plan.moments) {
      expect(m.end - m.start).toBeGreaterThanOrEqual(15);
      expect(m.end - m.start).toBeLessThanOrEqual(60);
      expect(m.start).toBeGreaterThanOrEqual(0);
      expect(m.end).toBeLessThanOrEqual(signals.durationS);
      expect(insideWord(signals, m.start) || insideWord(signals, m.end)).toBe(false);
      for (const cut of signals.cuts) expect(cut > m.start + 0.05 && cut < m.start + 1).toBe(false);
      for (const other of plan.moments) if (other !== m) expect(other.end <= m.start || other.start >= m.end).toBe(true);
    }
    const scores = plan.moments.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('ranks a window that opens with a hook, a question and numbers above a flat one', () => {
    const signals = talk([...Array.from({ length: 6 }, () => DULL), ...Array.from({ length: 6 }, () => GRIPPING)]);
    const [best] = findMoments(signals, { maxClips: 1 }).moments;
    const firstGripping = signals.words.find((w) => w.text === 'why')?.start ?? 0;
    expect(best?.start).toBeGreaterThanOrEqual(firstGripping - 1);
  });

  it('uses scene cuts and visual activity when nobody speaks', () => {
    const durationS = 90;
    const signals: MediaSignals = {
      durationS, hasAudio: false, words: [], pauses: [], loudness: { stepS: 0.1, values: [] },
      cuts: [12, 30, 41, 47, 52, 70], activity: Array.from({ length: durationS }, (_, s) => (s > 40 && s < 55 ? 0.08 : 0.01)),
    };
    const plan = findMoments(signals, { maxClips: 15 });
    expect(plan.hasSpeech).toBe(false);
    expect(plan.moments.length).toBeGreaterThanOrEqual(2);
    const best = plan.moments[0];
    expect(best && best.start <= 41 && best.end >= 52).toBe(true);
  });

  it('says why it picked fewer than asked, and honours the maximum', () => {
    const signals = talk(Array.from({ length: 6 }, () => GRIPPING));
    const plan = findMoments(signals, { maxClips: 15 });
    expect(plan.moments.length).toBeLessThan(15);
    expect(plan.shortfall).toMatch(/room for at most \d+ clips|scored under/);
    expect(findMoments(talk(Array.from({ length: 30 }, () => GRIPPING)), { maxClips: 2 }).moments).toHaveLength(2);
  });

  it('finds nothing in a video shorter than a clip', () => {
    const plan = findMoments(talk([GRIPPING]), { maxClips: 15 });
    expect(plan.moments).toEqual([]);
    expect(plan.shortfall).toMatch(/no 15–60 s stretch/);
  });
});
