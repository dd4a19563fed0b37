/**
 * Centred moving average over `window` frames that keeps unmeasured (NaN) frames unmeasured and
 * leaves them out of the averages. The mesh's landmarks jitter from frame to frame on small or
 * blocky faces; a mouth opens and closes over several frames, so a short window removes jitter
 * and keeps syllables.
 */
export function smooth(values: ArrayLike<number>, window: number): Float64Array {
  const half = Math.floor(window / 2);
  const result = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (half === 0 || Number.isNaN(values[i])) {
      result[i] = values[i];
      continue;
    }
    let sum = 0;
    let count = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(values.length - 1, i + half); j++) {
      if (Number.isNaN(values[j])) continue;
      sum += values[j];
      count++;
    }
    result[i] = sum / count;
  }
  return result;
}

/** About 0.1 s of frames, odd so it is centred: 3 at 25 fps, none at 12 fps (each frame already lasts 83 ms). */
export function smoothingWindow(fps: number): number {
  return Math.max(1, 2 * Math.round(0.04 * fps) + 1);
}

/** Standard deviation of the measured (non-NaN) values; 0 when there are none. */
export function spread(values: ArrayLike<number>): number {
  const { n, mean } = measuredMean(values);
  if (n === 0) return 0;
  let squares = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) squares += (values[i] - mean) ** 2;
  return Math.sqrt(squares / n);
}

function measuredMean(values: ArrayLike<number>): { n: number; mean: number } {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    n++;
    sum += values[i];
  }
  return { n, mean: n === 0 ? 0 : sum / n };
}
