import { mouthOpening } from './mouth-opening';

/** A flat mesh with eye corners 60 px apart and the inner lips `gap` px apart. */
function mesh(gap: number, scale = 1): number[][] {
  const points = Array.from({ length: 468 }, () => [100 * scale, 100 * scale, 0]);
  points[33] = [70 * scale, 80 * scale, 0];
  points[263] = [130 * scale, 80 * scale, 0];
  for (const [upper, lower] of [[13, 14], [82, 87], [312, 317]] as const) {
    points[upper] = [100 * scale, 120 * scale, 0];
    points[lower] = [100 * scale, (120 + gap) * scale, 0];
  }
  return points;
}

describe('mouthOpening', () => {
  it('is the inner-lip gap over the eye-corner distance', () => {
    expect(mouthOpening(mesh(0))).toBe(0);
    expect(mouthOpening(mesh(15))).toBeCloseTo(0.25, 9);
  });

  it('does not depend on the size of the face in the frame', () => {
    expect(mouthOpening(mesh(15, 3))).toBeCloseTo(mouthOpening(mesh(15)), 9);
  });

  it('is NaN for an incomplete mesh', () => {
    expect(mouthOpening(mesh(15).slice(0, 100))).toBeNaN();
  });
});
