import { smooth, smoothingWindow, spread } from './mouth-signal';

describe('mouth signal', () => {
  it('smooths over a centred window, keeping unmeasured frames unmeasured', () => {
    expect(Array.from(smooth([0, 3, 0, 3, 0], 3))).toEqual([1.5, 1, 2, 1, 1.5]);
    const gappy = smooth([0, Number.NaN, 6, 0], 3);
    expect(gappy[1]).toBeNaN();
    expect(Array.from(gappy).filter((v) => !Number.isNaN(v))).toEqual([0, 3, 3]);
    expect(Array.from(smooth([1, 5, 2], 1))).toEqual([1, 5, 2]);
  });

  it('smooths over about 0.1 s: 3 frames at 25 fps, none at 12 fps', () => {
    expect(smoothingWindow(25)).toBe(3);
    expect(smoothingWindow(30)).toBe(3);
    expect(smoothingWindow(12)).toBe(1);
  });

  it('measures spread over the measured frames only', () => {
    expect(spread([1, 3, Number.NaN])).toBe(1);
    expect(spread([Number.NaN])).toBe(0);
  });
});
