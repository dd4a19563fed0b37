import { LIST_LIMIT_MAX } from '@jetjobs/contracts';
import { jobIdParameter, jsonContent, jsonResponse, nativeAuthErrors, nativeError, rateLimited, ref, sseResponse } from './common.openapi';
import { nativeSchemas } from './native-schemas.openapi';
import type { OpenApiArea } from './openapi-area';

const TAG = 'Jobs (native)';
const notFound = nativeError('No such job in your project', ['job_not_found']);
const illegal = nativeError('The job\'s state does not allow this (e.g. cancelling a finished job)', ['illegal_transition']);

const SSE_EXAMPLE = `id: 1
event: JobSubmitted
data: {"job_id":"7b0ae4b8-8f5e-4a59-9c1c-0b1f0e9d2c11","type":"JobSubmitted","version":1,"occurred_at":"2026-01-01T00:00:00.000Z","data":{"input":{},"webhook_url":null}}

: keepalive

`;

/** The native `/v1` API: every job, whichever API created it. */
export const nativeOpenApi: OpenApiArea = {
  tags: [{ name: TAG, description: 'Submit, follow, cancel and retry jobs of any kind.' }],
  schemas: nativeSchemas,
  paths: {
    '/v1/jobs': {
      post: {
        tags: [TAG],
        operationId: 'submitJob',
        summary: 'Submit a job',
        description: 'Needs scope `job:write`. With an `Idempotency-Key`, a repeated submission answers the first job (for 24 h).',
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 255 } }],
        requestBody: { required: true, content: jsonContent(ref('SubmitJobRequest')) },
        responses: {
          202: jsonResponse('Accepted: the new job, or the earlier one with the same Idempotency-Key', ref('SubmitJobAccepted')),
          400: nativeError('Invalid body, header or webhook_url (named in the message), an input.source.upload that is not an upload of this project, or malformed JSON', ['validation_failed', 'malformed_json']),
          413: nativeError('Body over the size limit', ['payload_too_large']),
          415: nativeError('Content-Type is not JSON', ['unsupported_media_type']),
          422: nativeError('No worker runs this kind; the message names the kinds served', ['kind_not_served']),
          429: rateLimited(),
          ...nativeAuthErrors,
        },
      },
      get: {
        tags: [TAG],
        operationId: 'listJobs',
        summary: 'List your project\'s jobs, newest first',
        description: 'Needs scope `job:read`. Comes from the registry\'s projection, which may trail the latest events by a moment.',
        parameters: [
          { name: 'kind', in: 'query', schema: { type: 'string' } },
          { name: 'status', in: 'query', description: 'Comma-separated statuses, e.g. `queued,processing`.', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: LIST_LIMIT_MAX, default: 20 } },
          { name: 'cursor', in: 'query', description: '`next_cursor` of the previous page.', schema: { type: 'string' } },
          { name: 'created_from', in: 'query', description: 'Inclusive.', schema: { type: 'string', format: 'date-time' } },
          { name: 'created_to', in: 'query', description: 'Exclusive.', schema: { type: 'string', format: 'date-time' } },
        ],
        responses: {
          200: jsonResponse('One page of jobs', ref('JobPage')),
          400: nativeError('A query parameter is invalid (named in the message)', ['validation_failed']),
          ...nativeAuthErrors,
        },
      },
    },
    '/v1/jobs/{id}': {
      get: {
        tags: [TAG],
        operationId: 'getJob',
        summary: 'A job\'s current state',
        description: 'Needs scope `job:read`. Read from the event stream: current the moment a submission returns.',
        parameters: [jobIdParameter],
        responses: { 200: jsonResponse('The job', ref('Job')), 404: notFound, ...nativeAuthErrors },
      },
    },
    '/v1/jobs/{id}/cancel': {
      post: {
        tags: [TAG],
        operationId: 'cancelJob',
        summary: 'Cancel a job',
        description: 'Needs scope `job:write`. A queued job is cancelled at once; a running one when its worker confirms (`cancel_requested` meanwhile).',
        parameters: [jobIdParameter],
        requestBody: { required: false, content: jsonContent(ref('JobCommandRequest')) },
        responses: { 200: jsonResponse('The job after the request', ref('Job')), 400: nativeError('Invalid reason', ['validation_failed']), 404: notFound, 409: illegal, ...nativeAuthErrors },
      },
    },
    '/v1/jobs/{id}/retry': {
      post: {
        tags: [TAG],
        operationId: 'retryJob',
        summary: 'Run a failed or cancelled job again',
        description: 'Needs scope `job:write`. The job is queued again as its next attempt.',
        parameters: [jobIdParameter],
        requestBody: { required: false, content: jsonContent(ref('JobCommandRequest')) },
        responses: { 200: jsonResponse('The job, queued again', ref('Job')), 400: nativeError('Invalid reason', ['validation_failed']), 404: notFound, 409: illegal, ...nativeAuthErrors },
      },
    },
    '/v1/jobs/{id}/stream-token': {
      post: {
        tags: [TAG],
        operationId: 'issueStreamToken',
        summary: 'A short-lived token for one job\'s event streams',
        description:
          'Needs scope `job:read`. Browsers\' EventSource cannot send an Authorization header: pass this token as `?access_token=` on the ' +
          'job\'s streams (`/v1/jobs/{id}/events`, the AVF status and moderation progress streams) and its clip files (`/videos/{id}/…`). It reads that one job only; no other token is accepted in the query string.',
        parameters: [jobIdParameter],
        responses: {
          200: jsonResponse('The token', {
            type: 'object',
            required: ['token', 'expires_in'],
            properties: { token: { type: 'string' }, expires_in: { type: 'integer', description: 'Seconds' } },
          }),
          404: notFound,
          ...nativeAuthErrors,
        },
      },
    },
    '/v1/jobs/{id}/events': {
      get: {
        tags: [TAG],
        operationId: 'streamJobEvents',
        summary: 'A job\'s events as Server-Sent Events',
        description:
          'Needs scope `job:read`. Every event so far (after `Last-Event-ID`), then each new one as it happens; `: keepalive` comments every 15 s; ' +
          'the stream ends after the terminal event. Each message: `id:` the event version, `event:` its type, `data:` a JobEventMessage. ' +
          'Reconnecting with `Last-Event-ID` (or `?last_event_id=`) resumes with no gap and no duplicate. Errors are decided before the stream opens, as plain JSON.',
        security: [{ bearerAuth: [] }, { accessToken: [] }],
        parameters: [
          jobIdParameter,
          { name: 'Last-Event-ID', in: 'header', schema: { type: 'integer', minimum: 0 } },
          { name: 'last_event_id', in: 'query', description: 'For clients that cannot set the header.', schema: { type: 'integer', minimum: 0 } },
        ],
        responses: {
          200: sseResponse('The event stream (data: JobEventMessage)', SSE_EXAMPLE),
          400: nativeError('Last-Event-ID is not a whole number', ['validation_failed']),
          404: notFound,
          ...nativeAuthErrors,
        },
      },
    },
  },
};
