import { DEFAULT_THRESHOLDS } from '../config/thresholds';
import type { ScoredSample } from './flagged-segments';
import { videoVerdict } from './video-verdict';

const rule = { thresholds: DEFAULT_THRESHOLDS, minIntervalSamples: 2 };
/** One sample a second with the given porn scores; `*` marks scene-cut-only samples. */
const timeline = (...scores: Array<number | [number, number]>): ScoredSample[] =>
  scores.map((entry, i) => {
    const [timestamp, porn, onInterval] = Array.isArray(entry) ? [entry[0], entry[1], false] : [i, entry, true];
    return { timestamp, onInterval, scores: { porn, hentai: 0.01, sexy: 0.02 } };
  });

describe('videoVerdict: OR across frames, with the persistence rule', () => {
  it('flags a category over its threshold on two neighbouring interval samples', () => {
    const verdict = videoVerdict(timeline(0.1, 0.6, 0.7, 0.2), rule, 20);
    expect(verdict.isProhibited).toBe(true);
    expect(verdict.categories).toMatchObject({ porn: true, nsfw: true, hentai: false, sexy: false });
    expect(verdict.segments).toEqual([{ category: 'porn', start: 1, end: 2, samples: 2, peak: { timestamp: 2, score: 0.7 } }]);
  });

  it('does not flag a single noisy sample, however high its score', () => {
    const verdict = videoVerdict(timeline(0.1, 0.99, 0.2, 0.6, 0.1), rule, 20);
    expect(verdict).toMatchObject({ isProhibited: false, segments: [], maxScores: { porn: 0.99 } });
    expect(verdict.categories.porn).toBe(false);
  });

  it('does not count a scene-cut sample next to an interval sample as persistence', () => {
    const samples = timeline(0.1, 0.2, [2.52, 0.8], 0.9, 0.1);
    samples.sort((a, b) => a.timestamp - b.timestamp);
    expect(videoVerdict(samples, rule, 20).isProhibited).toBe(false);
  });

  it('flags a clip too short for two samples when its only sample is over the threshold', () => {
    expect(videoVerdict(timeline(0.9), rule, 20).categories.porn).toBe(true);
  });

  it('needs as many interval samples as the rule says', () => {
    const samples = timeline(0.9, 0.9, 0.1, 0.9, 0.9, 0.9);
    expect(videoVerdict(samples, { ...rule, minIntervalSamples: 3 }, 20).segments).toEqual([
      { category: 'porn', start: 3, end: 5, samples: 3, peak: { timestamp: 3, score: 0.9 } },
    ]);
  });

  it('reports suggestive content without prohibiting the video', () => {
    const samples: ScoredSample[] = [0, 1, 2].map((t) => ({ timestamp: t, onInterval: true, scores: { porn: 0.05, hentai: 0.01, sexy: 0.9 } }));
    const verdict = videoVerdict(samples, rule, 20);
    expect(verdict).toMatchObject({ isProhibited: false, categories: { sexy: true, nsfw: false } });
    expect(verdict.segments.map((s) => s.category)).toEqual(['sexy']);
  });

  it('reports what the backend did not score as not assessed, never as clean', () => {
    const verdict = videoVerdict(timeline(0.1, 0.1), rule, 20);
    expect(verdict.categories).toMatchObject({ violence: 'not_assessed', self_harm: 'not_assessed', minors: 'not_assessed' });
    const violenceOnly: ScoredSample[] = [0, 1].map((t) => ({ timestamp: t, onInterval: true, scores: { violence: 0.1 } }));
    expect(videoVerdict(violenceOnly, rule, 20).categories).toMatchObject({ violence: false, porn: 'not_assessed', nsfw: 'not_assessed' });
    expect(videoVerdict([], rule, 20).categories.porn).toBe('not_assessed');
  });

  it('keeps the strongest segments when there are more than the evidence limit, in time order', () => {
    const verdict = videoVerdict(timeline(0.6, 0.6, 0.1, 0.9, 0.9, 0.1, 0.7, 0.7), rule, 2);
    expect(verdict.segments.map((s) => [s.start, s.peak.score])).toEqual([[3, 0.9], [6, 0.7]]);
  });

  it('leaves unjudged frames out, counts them by reason, and lets a flagged run continue across them', () => {
    const samples = timeline(0.1, 0.7, 0.99, 0.8, 0.1).map((sample, i) => (i === 2 ? { ...sample, unjudged: 'blurred' as const } : sample));
    const verdict = videoVerdict(samples, rule, 20);
    expect(verdict).toMatchObject({ isProhibited: true, maxScores: { porn: 0.8 }, unjudged: { frames: 1, reasons: { blurred: 1 } } });
    expect(verdict.segments).toEqual([{ category: 'porn', start: 1, end: 3, samples: 2, peak: { timestamp: 3, score: 0.8 } }]);
  });

  it('assesses nothing, neither safe nor unsafe, when no frame could be judged', () => {
    const verdict = videoVerdict(timeline(0.9, 0.9).map((sample) => ({ ...sample, unjudged: 'dark' as const })), rule, 20);
    expect(verdict).toMatchObject({ isProhibited: false, categories: { porn: 'not_assessed', nsfw: 'not_assessed' }, unjudged: { frames: 2, reasons: { dark: 2 } } });
  });
});
