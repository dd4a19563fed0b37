import { parseDurationMs } from '@jetjobs/config';
import { UsageError } from '../usage-error';

// ISO 8601 with a date and a time; the zone may be left out (UTC) and seconds too (10:00Z).
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A point in time given as an ISO 8601 date-time (`2026-11-25T10:00Z`; UTC when no zone is
 * given) or as a time ago (`90s`, `15m`, `2h`, `7d`, `1w`).
 */
export function parseTimeOption(command: string, flag: string, text: string, now: Date = new Date()): Date {
  const ago = parseDurationMs(text);
  if (ago !== null) return new Date(now.getTime() - ago);
  const iso = text.trim();
  const withZone = /T/.test(iso) && !/(Z|[+-]\d{2}:\d{2})$/.test(iso) ? `${iso}Z` : iso;
  const parsed = ISO.test(iso) ? new Date(withZone) : new Date(NaN);
  if (Number.isNaN(parsed.getTime())) {
    throw new UsageError(`${command}: ${flag}: "${text}" is neither an ISO time (2026-11-25T10:00Z) nor a time ago (15m, 2h, 7d)`);
  }
  return parsed;
}

/** A whole number option (a stream sequence, a count) at least `min`. */
export function parseCountOption(command: string, flag: string, text: string, min = 1): number {
  const value = /^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value < min) throw new UsageError(`${command}: ${flag}: "${text}" must be a whole number of at least ${min}`);
  return value;
}
