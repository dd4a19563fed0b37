import type { RawResponse } from './raw-http';

/** The two error wordings of the gateway: native `{error: {code: "not_found"}}`, moderation `{error: {code: "NOT_FOUND"}}`. */
export type Dialect = 'native' | 'moderation';

/**
 * The wording a request's errors must have, told from its raw target alone: the moderation API's
 * routes (`/api/v1/moderate/…`, `/api/v1/job/…`, `/api/v1/jobs`) speak moderation, every other
 * path — the native API, the other dialects, unknown routes — the native wording. Case does not
 * matter, as it does not to the router.
 */
export function dialectOfTarget(target: string): Dialect {
  return /^\/api\/v1\/(moderate\/|jobs?([/?#]|$))/i.test(target) ? 'moderation' : 'native';
}

const CODE_PATTERN: Readonly<Record<Dialect, RegExp>> = { native: /^[a-z][a-z_]*$/, moderation: /^[A-Z][A-Z_]*$/ };

/**
 * Why this response is not an acceptable answer to hostile input, or null when it is: a status
 * below 500, and for every 4xx a JSON body `{error: {code, message}}` in the route's wording
 * with nothing else in it. A connection closed before any response is acceptable (the gateway
 * may drop a request it cannot parse); a request left without an answer is not.
 */
export function problemWith(response: RawResponse, dialect: Dialect): string | null {
  if (response.timedOut) return 'no response within the time limit';
  if (response.status === 0) return null;
  if (response.status >= 500) return `status ${response.status}: ${response.body.toString('utf8').slice(0, 300)}`;
  if (response.status < 400) return null;
  const type = response.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) return `status ${response.status} with Content-Type "${type}" instead of JSON`;
  let body: unknown;
  try {
    body = JSON.parse(response.body.toString('utf8'));
  } catch {
    return `status ${response.status} with a body that is not JSON: ${response.body.toString('utf8').slice(0, 200)}`;
  }
  const error = (body as { error?: unknown } | null)?.error as { code?: unknown; message?: unknown } | undefined;
  const shaped =
    typeof body === 'object' &&
    body !== null &&
    Object.keys(body).join() === 'error' &&
    typeof error === 'object' &&
    error !== null &&
    Object.keys(error).sort().join() === 'code,message' &&
    typeof error.code === 'string' &&
    CODE_PATTERN[dialect].test(error.code) &&
    typeof error.message === 'string' &&
    error.message.length > 0;
  return shaped ? null : `status ${response.status} without a ${dialect} error body: ${JSON.stringify(body).slice(0, 300)}`;
}
