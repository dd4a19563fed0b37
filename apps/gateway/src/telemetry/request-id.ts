import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What a caller's id may look like: short and printable, so it cannot forge or break a log line. */
const ACCEPTED = /^[\w.:@/+=-]{1,128}$/;

/** The caller's `X-Request-Id` when it is reasonable, else a new UUID. */
export function requestIdOf(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && ACCEPTED.test(given) ? given : randomUUID();
}
