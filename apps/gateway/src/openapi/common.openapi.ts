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
    description: 'The same credential in the query string, accepted on event streams only: browsers\' EventSource cannot send headers.',
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
