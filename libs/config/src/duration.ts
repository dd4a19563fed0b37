const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
type DurationUnit = keyof typeof UNIT_MS;

export interface DurationOptions {
  /** The unit of a bare number (`3600`); without it a unit is required. */
  readonly bareUnit?: DurationUnit;
}

/**
 * Reads a duration written as a whole number and a unit (`90s`, `15m`, `2h`, `7d`, `1w`) into
 * milliseconds; null for anything else (fractions, signs, spaces, amounts past 2^53). Zero is
 * returned as 0: whether it makes sense is the caller's to say.
 */
export function parseDurationMs(text: string, options: DurationOptions = {}): number | null {
  const match = /^(\d{1,15})([smhdw]?)$/.exec(text.trim());
  if (!match) return null;
  const unit = (match[2] || options.bareUnit) as DurationUnit | undefined;
  if (unit === undefined) return null;
  const ms = Number(match[1]) * UNIT_MS[unit];
  return Number.isSafeInteger(ms) ? ms : null;
}
