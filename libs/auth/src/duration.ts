const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/**
 * Parses a duration such as `30s`, `15m`, `1h`, `2d` or a bare number of seconds (`3600`) into
 * seconds. Only whole, positive amounts are accepted: a token lifetime of `1.5h` or `0` is far
 * more likely a typo than intent.
 */
export function parseDuration(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  const amount = match ? Number(match[1]) : NaN;
  if (!match || !Number.isSafeInteger(amount) || amount <= 0) {
    throw new Error(
      `Invalid duration "${text}": use a positive whole number of seconds, optionally followed by s, m, h or d (e.g. 30s, 15m, 1h, 2d)`,
    );
  }
  const unit = (match[2] || 's') as keyof typeof UNIT_SECONDS;
  return amount * UNIT_SECONDS[unit];
}
