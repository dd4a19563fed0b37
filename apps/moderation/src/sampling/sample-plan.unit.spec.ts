import { planSamples } from './sample-plan';
import { selectFramesExpression } from './select-expression';

const options = { intervalS: 1, sceneThreshold: 0.1, minSceneS: 1 };
/** `seconds` of a `fps` video with the given scene scores by frame number. */
const scan = (seconds: number, fps: number, cuts: Record<number, number> = {}) => {
  const times = Array.from({ length: Math.round(seconds * fps) }, (_, n) => n / fps);
  return { times, sceneScores: times.map((_, n) => cuts[n] ?? 0.01) };
};

describe('planSamples', () => {
  it('takes the first frame at or after every interval line', () => {
    const plan = planSamples(scan(3, 25), options);
    expect(plan.map((s) => [s.frame, s.timestamp])).toEqual([[0, 0], [25, 1], [50, 2]]);
    expect(plan.every((s) => s.onInterval && !s.sceneCut)).toBe(true);
  });

  it('lands on the line for frame rates whose frame times are not exact (29.97 fps)', () => {
    const plan = planSamples(scan(3, 30000 / 1001), options);
    expect(plan.map((s) => s.frame)).toEqual([0, 30, 60]);
  });

  it('adds the first frame of each scene, and ignores cuts closer than the shortest scene', () => {
    // Cuts at 1.48 s; 1.8 s (too close: ignored); 3.0 s scores under the threshold; 3.2 s.
    const plan = planSamples(scan(4, 25, { 37: 0.9, 45: 0.8, 75: 0.05, 80: 0.5 }), options);
    expect(plan.map((s) => [s.frame, s.onInterval, s.sceneCut])).toEqual([
      [0, true, false], [25, true, false], [37, false, true], [50, true, false], [75, true, false], [80, false, true],
    ]);
  });

  it('samples a cut on an interval line once, marked as both', () => {
    const plan = planSamples(scan(2, 25, { 25: 0.9 }), options);
    expect(plan).toEqual([
      { frame: 0, timestamp: 0, onInterval: true, sceneCut: false },
      { frame: 25, timestamp: 1, onInterval: true, sceneCut: true },
    ]);
  });

  it('samples every interval on a sparser grid', () => {
    expect(planSamples(scan(10, 10), { ...options, intervalS: 2.5 }).map((s) => s.timestamp)).toEqual([0, 2.5, 5, 7.5]);
  });
});

describe('selectFramesExpression', () => {
  it('is a balanced binary search: shallow for thousands of frames', () => {
    expect(selectFramesExpression([])).toBe('0');
    expect(selectFramesExpression([7])).toBe('eq(n,7)');
    expect(selectFramesExpression([1, 5, 9])).toBe('if(lt(n,5),eq(n,1),if(lt(n,9),eq(n,5),eq(n,9)))');
    const deep = selectFramesExpression(Array.from({ length: 3600 }, (_, i) => i * 25));
    let depth = 0;
    let max = 0;
    for (const c of deep) {
      if (c === '(') max = Math.max(max, ++depth);
      if (c === ')') depth--;
    }
    expect(max).toBeLessThanOrEqual(2 * 13);
  });
});
