import { JOB_EVENT_TYPES } from '@jetjobs/contracts';
import { jobIdParameter, jsonContent, jsonResponse, nativeAuthErrors, nativeError, orNull, ref, sseResponse } from './common.openapi';
import type { OpenApiArea } from './openapi-area';

const TAG = 'Operators';

/** Operator routes: every project's events and redrives, for the `admin` scope only. */
export const adminOpenApi: OpenApiArea = {
  tags: [{ name: TAG, description: 'Every project\'s events, and redrives of failed jobs. Scope `admin` only.' }],
  schemas: {
    AdminEvent: {
      type: 'object',
      required: ['seq', 'stored_at', 'job_id', 'type', 'version', 'occurred_at', 'data', 'kind', 'project_id', 'event_id', 'correlation_id', 'causation_id'],
      properties: {
        seq: { type: 'integer', minimum: 1, description: 'Position in the event stream; the SSE `id`.' },
        stored_at: { type: 'string', format: 'date-time' },
        job_id: { type: 'string', format: 'uuid' },
        type: { type: 'string', enum: [...JOB_EVENT_TYPES] },
        version: { type: 'integer', minimum: 1 },
        occurred_at: { type: 'string', format: 'date-time' },
        data: { type: 'object' },
        kind: { type: 'string' },
        project_id: { type: 'string' },
        event_id: { type: 'string', format: 'uuid' },
        correlation_id: { type: 'string' },
        causation_id: orNull({ type: 'string' }),
        traceparent: { ...orNull({ type: 'string' }), description: 'W3C `traceparent` of the span that wrote the event; null on events stored before traces.' },
        trace_id: { ...orNull({ type: 'string', pattern: '^[0-9a-f]{32}$' }), description: 'The job\'s trace, as in the services\' log lines and the trace backend.' },
      },
    },
    AdminEventPage: {
      type: 'object',
      required: ['items', 'next_from_seq'],
      properties: {
        items: { type: 'array', items: ref('AdminEvent') },
        next_from_seq: { ...orNull({ type: 'integer' }), description: 'Pass as `from_seq` for the next page; null when nothing more is stored yet.' },
      },
    },
    RedriveRequest: { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } } },
    AdminJob: {
      allOf: [ref('Job'), { type: 'object', required: ['project_id'], properties: { project_id: { type: 'string' } } }],
    },
  },
  paths: {
    '/v1/admin/events': {
      get: {
        tags: [TAG],
        operationId: 'adminEvents',
        summary: 'Events of every project: a page of JSON, or a live stream',
        description:
          'Filters combine. With `follow=true` the answer is `text/event-stream` (`id:` the sequence, `event:` the type, `data:` an AdminEvent) ' +
          'that resumes after `Last-Event-ID`. Unknown parameters are refused.',
        parameters: [
          { name: 'from_seq', in: 'query', schema: { type: 'integer', minimum: 0 } },
          { name: 'to_seq', in: 'query', schema: { type: 'integer', minimum: 0 } },
          { name: 'since', in: 'query', description: 'Not with `from_seq`.', schema: { type: 'string', format: 'date-time' } },
          { name: 'until', in: 'query', schema: { type: 'string', format: 'date-time' } },
          { name: 'job', in: 'query', schema: { type: 'string', format: 'uuid' } },
          { name: 'kind', in: 'query', schema: { type: 'string' } },
          { name: 'project', in: 'query', schema: { type: 'string' } },
          { name: 'type', in: 'query', description: 'Comma-separated event types.', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
          { name: 'follow', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
          { name: 'Last-Event-ID', in: 'header', schema: { type: 'integer', minimum: 0 } },
        ],
        responses: {
          200: {
            description: 'A page of events, or (follow=true) the event stream',
            content: { ...jsonContent(ref('AdminEventPage')), ...sseResponse('', 'id: 42\nevent: JobCompleted\ndata: {"seq":42,"type":"JobCompleted"}\n\n').content },
          },
          400: nativeError('A parameter is invalid or unknown (named in the message)', ['validation_failed']),
          ...nativeAuthErrors,
        },
      },
    },
    '/v1/admin/jobs/{id}/redrive': {
      post: {
        tags: [TAG],
        operationId: 'adminRedrive',
        summary: 'Run a failed or cancelled job of any project again',
        description: 'The job is queued as its next attempt; the event records who asked and why.',
        parameters: [jobIdParameter],
        requestBody: { required: true, content: jsonContent(ref('RedriveRequest')) },
        responses: {
          200: jsonResponse('The job, queued again, with its project', ref('AdminJob')),
          400: nativeError('`reason` missing or too long', ['validation_failed', 'malformed_json']),
          404: nativeError('No such job', ['job_not_found']),
          409: nativeError('The job is not failed or cancelled', ['illegal_transition']),
          415: nativeError('Content-Type is not JSON', ['unsupported_media_type']),
          ...nativeAuthErrors,
        },
      },
    },
  },
};
