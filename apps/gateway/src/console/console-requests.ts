import { z } from 'zod';
import { CONSOLE_JOBS_LIMIT_MAX, JOB_STATUSES, kindSchema, type ConsoleJobsPayload } from '@jetjobs/contracts';

const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

/**
 * `GET /v1/console/jobs` and `GET /v1/admin/jobs`. `q` is the console's one search box: a job-id
 * prefix, a JSON object the input contains, or `result:` and a JSON object the result contains.
 * Unknown parameters are refused, so that a misspelt filter does not return everything.
 */
export const consoleJobsQuerySchema = z.strictObject({
  q: z.string().trim().max(2_000).optional(),
  kind: kindSchema.optional(),
  status: z
    .string()
    .transform((s) => s.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(JOB_STATUSES)))
    .optional(),
  error_code: z.string().min(1).max(200).optional(),
  since: isoTime.optional(),
  until: isoTime.optional(),
  project: z.string().min(1).max(200).optional(),
  limit: z.string().regex(/^\d{1,3}$/).transform(Number).pipe(z.number().int().min(1).max(CONSOLE_JOBS_LIMIT_MAX)).optional(),
  cursor: z.string().max(512).optional(),
});
export type ConsoleJobsQuery = z.infer<typeof consoleJobsQuerySchema>;

const ID_PREFIX = /^[0-9a-f-]{1,36}$/i;

/** The registry payload for a search; `projectId` is decided by the caller's role, never by `q`. */
export function toConsoleJobsPayload(query: ConsoleJobsQuery, projectId: string | null): ConsoleJobsPayload {
  return {
    projectId,
    kind: query.kind ?? null,
    statuses: query.status ?? null,
    errorCode: query.error_code ?? null,
    createdFrom: query.since ?? null,
    createdTo: query.until ?? null,
    ...parseSearch(query.q),
    limit: query.limit ?? 50,
    cursor: query.cursor ?? null,
  };
}

function parseSearch(q: string | undefined): Pick<ConsoleJobsPayload, 'idPrefix' | 'inputMatch' | 'resultMatch'> {
  const none = { idPrefix: null, inputMatch: null, resultMatch: null };
  if (q === undefined || q === '') return none;
  if (q.startsWith('result:')) return { ...none, resultMatch: jsonObject(q.slice('result:'.length)) };
  if (q.startsWith('{')) return { ...none, inputMatch: jsonObject(q) };
  if (ID_PREFIX.test(q)) return { ...none, idPrefix: q.toLowerCase() };
  throw new z.ZodError([{ code: 'custom', path: ['q'], message: 'must be a job-id prefix, a JSON object (input), or result: and a JSON object', input: q }]);
}

function jsonObject(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new z.ZodError([{ code: 'custom', path: ['q'], message: 'must be a JSON object, e.g. {"prompt":"cat"}', input: text }]);
  }
  return parsed as Record<string, unknown>;
}

/** `GET /v1/console/feed`: the token, and optionally one job to follow. */
export const feedQuerySchema = z.strictObject({
  access_token: z.string().min(1).max(2_000),
  job: z.uuid().optional(),
});
