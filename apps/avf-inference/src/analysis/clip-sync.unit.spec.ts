import { clipSync } from './clip-sync';
import type { SequenceSync } from './sync-evidence';

/** A correlation curve over ±15 lags: `peak` at `lag`, falling off over 2 frames, `noise` elsewhere. */
function curve(lag: number, peak: number, noise: (l: number) => number = () => 0, maxLag = 15): number[] {
  return Array.from({ length: 2 * maxLag + 1 }, (_, i) => {
    const l = i - maxLag;
    return Math.abs(l - lag) <= 2 ? peak * (1 - Math.abs(l - lag) / 3) : noise(l);
  });
}
const sequence = (correlations: number[], frames = 50, movement = 0.02): SequenceSync => ({ frames, correlations, maxLag: (correlations.length - 1) / 2, movement });
const wobble = (seed: number) => (l: number) => 0.3 * Math.sin(seed * 1.7 + l * 0.9);

describe('clipSync', () => {
  it('finds the lag every sequence peaks at, standing far above the other lags', () => {
    const sync = clipSync([sequence(curve(5, 0.8, wobble(1))), sequence(curve(5, 0.7, wobble(2))), sequence(curve(5, 0.9, wobble(3)))], 2)!;
    expect(sync).toMatchObject({ lag: 5, consistency: 1, sequences: 3 });
    expect(sync.peak).toBeCloseTo(0.8, 9);
    expect(sync.prominence).toBeGreaterThan(3);
    expect(sync.atSync).toBeLessThan(0.3);
  });

  it('lets a consistent weak peak emerge from sequences whose own peaks are mostly noise', () => {
    const noisy = [1, 2, 3, 4, 5, 6].map((seed) => sequence(curve(0, 0.45, (l) => 0.5 * Math.sin(seed * 2.3 + l * 1.3))));
    const sync = clipSync(noisy, 2)!;
    expect(sync.lag).toBe(0);
    expect(sync.prominence).toBeGreaterThan(3);
    expect(sync.consistency).toBeLessThan(1);
  });

  it('weights sequences by frames and averages each lag over the sequences that tried it', () => {
    const sync = clipSync([sequence(curve(15, 0.9), 50), sequence(curve(15, 0.9), 50), sequence(curve(0, 0.6, () => 0, 12), 25)], 2)!;
    expect(sync.lag).toBe(15);
    expect(sync.peak).toBeCloseTo(0.9, 9);
    expect(sync.movement).toBeCloseTo(0.02, 9);
  });

  it('has nothing to say without sequences', () => {
    expect(clipSync([], 2)).toBeNull();
  });
});
