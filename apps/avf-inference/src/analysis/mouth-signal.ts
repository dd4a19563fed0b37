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
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) (n++, (sum += values[i]));
  if (n === 0) return 0;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) squares += (values[i] - mean) ** 2;
  return Math.sqrt(squares / n);
}

/**
 * Lag-1 autocorrelation of a (detrended) signal over consecutive measured frames. Movement that
 * spans several frames (a mouth saying syllables) is near 1; landmark jitter, new every frame, is
 * near 0 or negative. It tells how much of the measured mouth signal is movement rather than noise.
 */
export function frameToFrameCorrelation(values: ArrayLike<number>): number {
  let sxy = 0;
  let sxx = 0;
  let n = 0;
  let mean = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) (n++, (mean += values[i]));
  if (n < 3) return 0;
  mean /= n;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    sxx += (values[i] - mean) ** 2;
    if (i > 0 && !Number.isNaN(values[i - 1])) sxy += (values[i] - mean) * (values[i - 1] - mean);
  }
  return sxx > 1e-12 ? sxy / sxx : 0;
}
