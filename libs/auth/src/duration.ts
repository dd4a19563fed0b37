import { parseDurationMs } from '@jetjobs/config';

/**
 * Parses a duration such as `30s`, `15m`, `1h`, `2d`, `1w` or a bare number of seconds (`3600`)
 * into seconds (`parseDurationMs` reads it). Only positive amounts are accepted: a token lifetime
 * of `1.5h` or `0` is far more likely a typo than intent.
 */
export function parseDuration(text: string): number {
  const ms = parseDurationMs(text, { bareUnit: 's' });
  if (ms === null || ms <= 0) {
    throw new Error(
      `Invalid duration "${text}": use a positive whole number of seconds, optionally followed by s, m, h, d or w (e.g. 30s, 15m, 1h, 2d, 1w)`,
    );
  }
  return ms / 1000;
}
