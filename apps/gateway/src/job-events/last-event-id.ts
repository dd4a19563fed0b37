import { CodedError } from '@jetjobs/contracts';

/** `Last-Event-ID` (or `?last_event_id=`) is the last job version the client has; 0 for none. */
export function parseLastEventId(value: unknown): number {
  if (value === undefined || value === '') return 0;
  const version = typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(version)) {
    throw new CodedError('validation_failed', 'Last-Event-ID: must be a non-negative whole number (an event id from this stream)');
  }
  return version;
}
