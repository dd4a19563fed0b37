import { jsonContent, jsonResponse, nativeAuthErrors, nativeError, rateLimited, ref } from './common.openapi';
import type { OpenApiArea, Parameter } from './openapi-area';

const TAG = 'Async requests';
const slug: Parameter = {
  name: 'slug',
  in: 'path',
  required: true,
  description: 'The service: `avf`, `moderation` or `clipper`. What `data` may be at each `method`/`path` is described at `AsyncRequest`.',
  schema: { type: 'string', enum: ['avf', 'moderation', 'clipper'] },
};

/** The generic async request/output API, wire-compatible with the original (`seeds/async-output.txt`). */
export const asyncOpenApi: OpenApiArea = {
  tags: [{ name: TAG, description: 'Queue a request to a service, then read its output. Errors use the native `{error: {code, message}}` body.' }],
  schemas: {
    AsyncRequest: {
      type: 'object',
      required: ['data'],
      properties: {
        data: {
          description:
            'The JSON body the service is sent at `method path`. `POST /` (the default) takes the job input (`{"source": {"url": …}}`, as `POST /v1/jobs` ' +
            'takes it) or, for moderation and clipper, the service\'s own submit body. At the service\'s own submit path only its own body is taken, ' +
            'checked as that route checks it (public http(s) URLs only).',
        },
        method: { type: 'string', enum: ['POST'], default: 'POST', description: 'Every pair served is a POST (any letter case).' },
        path: {
          type: 'string',
          default: '/',
          description:
            'Per slug: `moderation` — `/` and `/api/v1/moderate/video` (`{"video_url": …, "webhook_url"?: …}`); `clipper` — `/` and `/api/process` ' +
            '(`{"url": …}`); `avf` — `/` only (its own `/api-gateway/avf/infer` takes a multipart upload, which JSON cannot carry). `""` means `/`. ' +
            'Any other pair is refused with 400 naming the pairs served.',
        },
      },
    },
    AsyncCreated: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[a-z0-9]{1,16}$' } } },
    AsyncOutput: {
      type: 'object',
      required: ['status'],
      properties: {
        status: { type: 'string', enum: ['pending', 'in_progress', 'completed', 'failed'], description: '`completed`: the service answered 2xx; `failed`: anything else, or cancelled.' },
        status_code: { type: 'integer', description: 'Once finished.' },
        raw_output: { type: 'string', description: 'Once finished: the answer\'s body as text.' },
        output: { description: 'The body parsed as JSON; left out when it is not JSON.' },
        fail_reason: { type: 'string', description: 'Only for a failed request.' },
      },
    },
  },
  paths: {
    '/api/v1/services/{slug}/async': {
      post: {
        tags: [TAG],
        operationId: 'asyncCreate',
        summary: 'Queue a request',
        description: 'Needs scope `async:write`.',
        parameters: [slug],
        requestBody: { required: true, content: jsonContent(ref('AsyncRequest')) },
        responses: {
          201: jsonResponse('Queued: the request\'s id', ref('AsyncCreated')),
          400: nativeError('`data` missing or not valid for the route; a method or path the service does not serve (the message names those it does); malformed JSON', ['validation_failed', 'malformed_json']),
          404: nativeError('No such service', ['not_found']),
          413: nativeError('Body over the size limit', ['payload_too_large']),
          415: nativeError('Content-Type is not JSON', ['unsupported_media_type']),
          429: rateLimited(),
          ...nativeAuthErrors,
        },
      },
    },
    '/api/v1/services/{slug}/async/{id}/output': {
      get: {
        tags: [TAG],
        operationId: 'asyncOutput',
        summary: 'A request\'s status and output',
        description: 'Needs scope `job:read`.',
        parameters: [slug, { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9]{1,16}$' } }],
        responses: {
          200: jsonResponse('Its status, and the output once finished', ref('AsyncOutput')),
          404: nativeError('No such service, or no such request on it in your project', ['not_found']),
          ...nativeAuthErrors,
        },
      },
    },
  },
};
