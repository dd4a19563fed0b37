/**
 * Subtracts a centred moving average of `window` frames, keeping NaN (unmeasured) frames as NaN
 * and leaving them out of the averages. What remains is the syllable-rate rise and fall: without
 * it, any two speech tracks that start and stop together correlate strongly (a dub does).
 */
export function detrend(values: ArrayLike<number>, window: number): Float64Array {
  const half = Math.floor(window / 2);
  const result = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Number.isNaN(value)) {
      result[i] = Number.NaN;
      continue;
    }
    let sum = 0;
    let count = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(values.length - 1, i + half); j++) {
      if (Number.isNaN(values[j])) continue;
      sum += values[j];
      count++;
    }
    result[i] = value - sum / count;
  }
  return result;
}

/** About 0.44 s of frames, odd so the window is centred: slower than syllables, faster than phrases. */
export function detrendWindow(fps: number): number {
  return 2 * Math.round(0.22 * fps) + 1;
}
