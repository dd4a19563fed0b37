import { JOB_EVENT_TYPES, KIND_PATTERN, LIST_LIMIT_MAX } from '@jetjobs/contracts';
import { orNull, ref } from './common.openapi';
import type { Schema } from './openapi-area';

const time: Schema = { type: 'string', format: 'date-time' };

/** The native API's bodies, as `toJobJson` in libs/dialects and `jobs/job-requests.ts` define them. */
export const nativeSchemas: Record<string, Schema> = {
  SubmitJobRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'input'],
    properties: {
      kind: { type: 'string', pattern: KIND_PATTERN.source, description: 'Which worker runs the job, e.g. `avf`, `moderation`, `clipper`, `echo`.' },
      input: { description: 'Any JSON value (null included), handed to the worker as it is.' },
      webhook_url: {
        ...orNull({ type: 'string', format: 'uri' }),
        description: 'http(s) URL on the public internet (or allowlisted by the operator) that receives the job\'s status object when it ends. Checked at submission: a private address is a 400.',
      },
    },
  },
  SubmitJobAccepted: {
    type: 'object',
    required: ['id', 'status'],
    properties: { id: { type: 'string', format: 'uuid' }, status: ref('JobStatus') },
  },
  JobCommandRequest: {
    type: 'object',
    additionalProperties: false,
    properties: { reason: orNull({ type: 'string', maxLength: 500 }) },
  },
  Job: {
    type: 'object',
    description: 'A job as the native API shows it, whichever API created it.',
    required: ['id', 'kind', 'status', 'attempt', 'progress', 'detail', 'frames_completed', 'frame_count', 'input', 'result', 'outputs', 'logs', 'error',
      'cancel_requested', 'retry_due_at', 'created_at', 'updated_at', 'started_at', 'finished_at', 'version'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      kind: { type: 'string' },
      status: ref('JobStatus'),
      attempt: { type: 'integer', minimum: 1 },
      progress: { type: 'number', minimum: 0, maximum: 100 },
      detail: orNull({ type: 'string' }),
      frames_completed: orNull({ type: 'integer', minimum: 0 }),
      frame_count: orNull({ type: 'integer', minimum: 0 }),
      input: { description: 'As submitted.' },
      result: { description: 'The worker\'s result once completed; null before.' },
      outputs: { type: 'array', items: {}, description: 'Partial results, in the order they were produced.' },
      logs: { type: 'array', items: ref('JobLogLine') },
      error: orNull(ref('JobError')),
      cancel_requested: { type: 'boolean' },
      retry_due_at: orNull(time),
      created_at: time,
      updated_at: time,
      started_at: orNull(time),
      finished_at: orNull(time),
      version: { type: 'integer', minimum: 1, description: 'Number of events so far; the SSE `id` of the latest one.' },
    },
  },
  JobLogLine: {
    type: 'object',
    required: ['at', 'level', 'line'],
    properties: { at: time, level: { type: 'string', enum: ['info', 'warn', 'error'] }, line: { type: 'string' } },
  },
  JobError: {
    type: 'object',
    required: ['code', 'message'],
    properties: { code: { type: 'string' }, message: { type: 'string' } },
  },
  JobPage: {
    type: 'object',
    required: ['items', 'total', 'next_cursor'],
    properties: {
      items: { type: 'array', items: ref('Job'), maxItems: LIST_LIMIT_MAX },
      total: { type: 'integer', minimum: 0, description: 'Jobs matching the filters, on every page.' },
      next_cursor: { ...orNull({ type: 'string' }), description: 'Pass as `cursor` for the next page; null on the last one.' },
    },
  },
  JobEventMessage: {
    type: 'object',
    description: 'The `data:` of one SSE message; the message\'s `event:` is `type` and its `id:` is `version`.',
    required: ['job_id', 'type', 'version', 'occurred_at', 'data'],
    properties: {
      job_id: { type: 'string', format: 'uuid' },
      type: { type: 'string', enum: [...JOB_EVENT_TYPES] },
      version: { type: 'integer', minimum: 1 },
      occurred_at: time,
      data: { type: 'object', description: 'The event\'s fields in snake_case, e.g. `progress`, `frames_completed` for JobProgressed.' },
    },
  },
};
