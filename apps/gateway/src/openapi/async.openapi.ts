import { jsonContent, jsonResponse, nativeAuthErrors, nativeError, rateLimited, ref } from './common.openapi';
import type { OpenApiArea, Parameter } from './openapi-area';

const TAG = 'Async requests';
const slug: Parameter = {
  name: 'slug',
  in: 'path',
  required: true,
  description: 'The service: `avf`, `moderation` or `clipper`, each taking `data` as its job input.',
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
        data: { description: 'Any JSON value (null included): the job input of the service.' },
        method: { type: 'string', enum: ['POST'], description: 'The built-in services take POST only.' },
        path: { type: 'string', enum: ['/', ''], description: 'The built-in services have one path.' },
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
          400: nativeError('`data` missing or not valid input for the service; another method or path; malformed JSON', ['validation_failed', 'malformed_json']),
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
