import { CodedError, type JobView } from '@jetjobs/contracts';
import { isUuid } from './uuid';

/** A position in the newest-first job list: the last row a page returned. */
export interface JobCursor {
  readonly createdAt: string;
  readonly id: string;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/**
 * Encodes the position after `job`. The time is the job's own `createdAt` text, the very value its
 * `created_at` column was cast from, so comparing against it in SQL is exact to the microsecond.
 */
export function encodeJobCursor(job: Pick<JobView, 'createdAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([job.createdAt, job.id]), 'utf8').toString('base64url');
}

/** @throws CodedError `validation_failed` for anything `encodeJobCursor` did not produce. */
export function decodeJobCursor(cursor: string): JobCursor {
  const parsed = BASE64URL.test(cursor) ? parseJson(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  if (!Array.isArray(parsed) || parsed.length !== 2) throw malformed();
  const [createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== 'string' || !isIsoInstant(createdAt)) throw malformed();
  if (typeof id !== 'string' || !isUuid(id)) throw malformed();
  return { createdAt, id };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Checked field by field so that an impossible date (February 30th) is refused here instead of
// failing the cast in PostgreSQL.
function isIsoInstant(value: string): boolean {
  const match = ISO_INSTANT.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    year > 0 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

function malformed(): CodedError {
  return new CodedError('validation_failed', 'cursor is malformed: pass the nextCursor of a previous page');
}
