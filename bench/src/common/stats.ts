/** Percentile of a sample (nearest rank); NaN for an empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** min / median / max over repeated runs. */
export function spread(values: readonly number[]): Spread {
  return { min: Math.min(...values), median: percentile(values, 50), max: Math.max(...values) };
}

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
