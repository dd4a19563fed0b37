import { ERROR_CODES, JOB_STATUSES, type ErrorCode } from '@jetjobs/contracts';
import type { Content, Parameter, Response, Schema } from './openapi-area';

/** Building blocks every area shares: references, JSON and SSE bodies, the security schemes. */
export const ref = (schema: string): Schema => ({ $ref: `#/components/schemas/${schema}` });

/** A schema that may also be null (JSON Schema 2020-12 style, as OpenAPI 3.1 uses). */
export const orNull = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });

export const jsonContent = (schema: Schema, example?: unknown): Content => ({
  'application/json': example === undefined ? { schema } : { schema, example },
});

export const jsonResponse = (description: string, schema: Schema, example?: unknown): Response => ({
  description,
  content: jsonContent(schema, example),
});

/** A Server-Sent Events response; `description` says which events come and when the stream ends. */
export const sseResponse = (description: string, example: string): Response => ({
  description,
  content: { 'text/event-stream': { schema: { type: 'string' }, example } },
});

/** The native error body, `{error: {code, message}}`, with the codes a response may carry. */
export const nativeError = (description: string, codes: readonly [ErrorCode, ...ErrorCode[]]): Response =>
  jsonResponse(description, ref('Error'), { error: { code: codes[0], message: description } });

/** The errors every authenticated native route can answer. */
export const nativeAuthErrors: Readonly<Record<string, Response>> = {
  401: nativeError('Missing, malformed, expired or revoked credential', ['unauthorized']),
  403: nativeError('The credential lacks the scope this route needs', ['forbidden']),
  503: nativeError('The job registry did not answer in time', ['unavailable']),
};

const RATE_LIMITED_EXAMPLE = 'Too many submissions: this project may submit 50 jobs per second, in bursts of up to 200. Retry after 1 second.';

/**
 * 429 on a submit route, with the error body of its API (`Error`, or a dialect's own schema and
 * code). The limit is a token bucket per project and gateway replica.
 */
export const rateLimited = (body: Schema = ref('Error'), code = 'rate_limited'): Response => ({
  description:
    'Too many submissions from this project: wait `Retry-After` seconds. Each project may submit `JETJOBS_SUBMIT_RATE_PER_SECOND` jobs per second ' +
    'with bursts of up to `JETJOBS_SUBMIT_BURST` (50 and 200 by default), counted per gateway replica; reads are never limited.',
  headers: {
    'Retry-After': { description: 'Seconds until the next submission is accepted, rounded up.', schema: { type: 'integer', minimum: 1 } },
    'RateLimit-Limit': { description: 'The burst: submissions the project may make at once. Also sent on accepted submissions.', schema: { type: 'integer' } },
    'RateLimit-Remaining': { description: 'Submissions left before the limit applies; 0 here. Also sent on accepted submissions.', schema: { type: 'integer' } },
  },
  content: jsonContent(body, { error: { code, message: RATE_LIMITED_EXAMPLE } }),
});

export const jobIdParameter: Parameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Job id (a UUID). Anything else, or a job of another project, is a 404.',
  schema: { type: 'string', format: 'uuid' },
};

export const securitySchemes: Record<string, Schema> = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description: 'A JWT (HS256, or RS256/ES256 from the configured JWKS) with `project_id` and `scope` claims, or an API key.',
  },
  accessToken: {
    type: 'apiKey',
    in: 'query',
    name: 'access_token',
    description: 'A stream token (`POST /v1/jobs/{id}/stream-token`) in the query string, accepted on that job\'s event streams and clip files only: browsers\' EventSource and <video> cannot send headers. No other credential is accepted here.',
  },
};

/** Schemas used by more than one area. */
export const commonSchemas: Record<string, Schema> = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', enum: [...ERROR_CODES], description: 'Machine-readable; each code has one HTTP status.' },
          message: { type: 'string', description: 'What is wrong, for a person: names the field or header.' },
        },
      },
    },
  },
  JobStatus: { type: 'string', enum: [...JOB_STATUSES] },
};
