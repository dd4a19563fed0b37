/** Pearson correlation of the mouth signal with the audio signal at one lag. */
export interface LagCorrelation {
  /** Frames the audio is shifted by: positive when the sound comes after the mouth moves. */
  readonly lag: number;
  /** Pearson r in [-1, 1]; 0 when either signal is flat over the pairs compared. */
  readonly r: number;
  /** Frame pairs that entered the correlation. */
  readonly pairs: number;
}

/**
 * Correlates `mouth[t]` with `energy[t + lag]`. Frames without a measured mouth (NaN) are left
 * out rather than filled, so a face lost for a few frames does not invent movement.
 */
export function correlationAtLag(mouth: ArrayLike<number>, energy: ArrayLike<number>, lag: number): LagCorrelation {
  let n = 0;
  let sumX = 0;
  let sumY = 0;
  for (let t = Math.max(0, -lag); t < mouth.length && t + lag < energy.length; t++) {
    const x = mouth[t];
    if (Number.isNaN(x)) continue;
    n++;
    sumX += x;
    sumY += energy[t + lag];
  }
  if (n < 2) return { lag, r: 0, pairs: n };
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let t = Math.max(0, -lag); t < mouth.length && t + lag < energy.length; t++) {
    const x = mouth[t];
    if (Number.isNaN(x)) continue;
    const dx = x - meanX;
    const dy = energy[t + lag] - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // A flat signal carries no timing information: report no correlation instead of NaN.
  const r = sxx > 1e-12 && syy > 1e-12 ? sxy / Math.sqrt(sxx * syy) : 0;
  return { lag, r, pairs: n };
}

/** Correlations for every lag in [-maxLag, maxLag], in lag order. */
export function crossCorrelate(mouth: ArrayLike<number>, energy: ArrayLike<number>, maxLag: number): LagCorrelation[] {
  const result: LagCorrelation[] = [];
  for (let lag = -maxLag; lag <= maxLag; lag++) result.push(correlationAtLag(mouth, energy, lag));
  return result;
}
