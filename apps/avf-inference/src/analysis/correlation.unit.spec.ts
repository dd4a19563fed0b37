import { correlationAtLag, crossCorrelate } from './correlation';
import { delayed, syllables } from '../testing/speech-signals.harness';

describe('cross-correlation of mouth and audio', () => {
  const mouth = syllables(120);

  it('peaks at lag 0 for identical signals, with r = 1', () => {
    expect(correlationAtLag(mouth, mouth, 0)).toEqual({ lag: 0, r: expect.closeTo(1, 9), pairs: 120 });
  });

  it('finds the lag of audio that comes late, with a positive sign', () => {
    const late = delayed(mouth, 6);
    const best = crossCorrelate(mouth, late, 15).reduce((a, b) => (b.r > a.r ? b : a));
    expect(best.lag).toBe(6);
    expect(best.r).toBeGreaterThan(0.95);
  });

  it('reports no correlation, not NaN, when a signal is flat', () => {
    expect(correlationAtLag(new Float64Array(50).fill(0.3), mouth.subarray(0, 50), 0).r).toBe(0);
  });

  it('leaves frames without a measured mouth out of the pairs', () => {
    const gappy = Float64Array.from(mouth, (value, t) => (t % 4 === 0 ? Number.NaN : value));
    const result = correlationAtLag(gappy, mouth, 0);
    expect(result.pairs).toBe(90);
    expect(result.r).toBeCloseTo(1, 9);
  });
});
