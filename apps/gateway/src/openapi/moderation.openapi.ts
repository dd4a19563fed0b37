import { LIST_LIMIT_MAX } from '@jetjobs/contracts';
import { jobIdParameter, jsonContent, jsonResponse, orNull, rateLimited, ref, sseResponse } from './common.openapi';
import type { OpenApiArea, Response } from './openapi-area';

const TAG = 'Moderation (video)';
const MODERATION_CODES = ['INVALID_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'INTERNAL_ERROR'];
const status = { type: 'string', enum: ['queued', 'processing', 'completed', 'failed'], description: 'A cancelled job reads `failed` with `error_code: cancelled`.' };

/** The moderation API's error body: `{error: {code, message}}` with its own upper-case codes. */
const moderationError = (description: string, code: string): Response => jsonResponse(description, ref('ModerationError'), { error: { code, message: description } });
const authErrors = {
  401: moderationError('Missing, malformed, expired or revoked API key or token', 'UNAUTHORIZED'),
  403: moderationError('The key lacks the scope this route needs', 'FORBIDDEN'),
  503: moderationError('The job registry did not answer in time', 'SERVICE_UNAVAILABLE'),
};

const PROGRESS_EXAMPLE = `event: connected
data: {"job_id":"7b0ae4b8-8f5e-4a59-9c1c-0b1f0e9d2c11","status":"processing","progress":40,"detail":"classifying frames","frames_completed":12,"frame_count":30}

event: progress
data: {"job_id":"7b0ae4b8-8f5e-4a59-9c1c-0b1f0e9d2c11","status":"processing","progress":80,"frames_completed":24,"frame_count":30}

: keepalive

event: progress
data: {"job_id":"7b0ae4b8-8f5e-4a59-9c1c-0b1f0e9d2c11","status":"completed","progress":100,"frames_completed":30,"frame_count":30}

`;

/** The moderation API, wire-compatible with the original (`seeds/moderation-progress.txt`). */
export const moderationOpenApi: OpenApiArea = {
  tags: [{ name: TAG, description: 'Frame-by-frame video moderation. Errors: `{error: {code, message}}` with upper-case codes (`FORBIDDEN`, `INVALID_REQUEST`, …).' }],
  schemas: {
    ModerationError: {
      type: 'object',
      required: ['error'],
      properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', enum: MODERATION_CODES }, message: { type: 'string' } } } },
    },
    ModerateVideoRequest: {
      type: 'object',
      properties: {
        video_url: { type: 'string', format: 'uri', description: 'Required unless `file` is sent: a public http(s) URL (private or internal addresses are refused), at most 300 MB.' },
        webhook_url: { type: 'string', format: 'uri', description: 'Receives the job object when it finishes, signed (see the Webhooks tag). Public http(s) only.' },
      },
    },
    ModerationAccepted: { type: 'object', required: ['job_id', 'status'], properties: { job_id: { type: 'string', format: 'uuid' }, status } },
    ModerationJob: {
      type: 'object',
      required: ['job_id', 'type', 'status', 'is_prohibited', 'categories', 'created_at', 'completed_at'],
      properties: {
        job_id: { type: 'string', format: 'uuid' },
        type: { type: 'string', const: 'video' },
        status,
        is_prohibited: { ...orNull({ type: 'boolean' }), description: 'Null until decided: true when any frame is flagged in any category.' },
        categories: {
          type: 'object',
          required: ['custom'],
          description: 'One boolean per category evaluated (e.g. `nsfw`), merged over frames with OR; `custom` holds custom categories.',
          properties: { custom: { type: 'object', additionalProperties: { type: 'boolean' } } },
          additionalProperties: { type: 'boolean' },
        },
        created_at: { type: 'string', format: 'date-time' },
        completed_at: orNull({ type: 'string', format: 'date-time' }),
        reason: { type: 'string' },
        error_code: { type: 'string', description: 'Only for a failed job.' },
      },
    },
    ModerationJobList: {
      type: 'object',
      required: ['jobs', 'total', 'limit', 'offset'],
      properties: { jobs: { type: 'array', items: ref('ModerationJob') }, total: { type: 'integer', minimum: 0 }, limit: { type: 'integer' }, offset: { type: 'integer' } },
    },
    ModerationProgress: {
      type: 'object',
      required: ['job_id', 'status', 'progress'],
      properties: {
        job_id: { type: 'string', format: 'uuid' },
        status,
        progress: { type: 'number', minimum: 0, maximum: 100 },
        detail: { type: 'string' },
        frames_completed: { type: 'integer', minimum: 0 },
        frame_count: { type: 'integer', minimum: 0 },
      },
    },
  },
  paths: {
    '/api/v1/moderate/video': {
      post: {
        tags: [TAG],
        operationId: 'moderateVideo',
        summary: 'Submit a video for moderation',
        description: 'Needs scope `moderate:video`. JSON or multipart; a form may carry the video itself in `file` (an extension of the original). An `Idempotency-Key` answers the first job again.',
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 255 } }],
        requestBody: {
          required: true,
          content: {
            ...jsonContent(ref('ModerateVideoRequest')),
            'multipart/form-data': {
              schema: { type: 'object', properties: { video_url: { type: 'string' }, webhook_url: { type: 'string' }, file: { type: 'string', format: 'binary' } } },
            },
          },
        },
        responses: {
          202: jsonResponse('Queued', ref('ModerationAccepted')),
          400: moderationError('video_url missing, not http(s), or a private or internal address; both video_url and file; not a video', 'INVALID_REQUEST'),
          413: moderationError('Upload over 300 MB', 'PAYLOAD_TOO_LARGE'),
          415: moderationError('Neither JSON nor multipart/form-data', 'UNSUPPORTED_MEDIA_TYPE'),
          429: rateLimited(ref('ModerationError'), 'RATE_LIMITED'),
          ...authErrors,
        },
      },
    },
    '/api/v1/job/{id}': {
      get: {
        tags: [TAG],
        operationId: 'moderationJob',
        summary: 'A moderation job',
        description: 'Needs scope `job:read`.',
        parameters: [jobIdParameter],
        responses: { 200: jsonResponse('The job', ref('ModerationJob')), 404: moderationError('No moderation job with this id in your account', 'NOT_FOUND'), ...authErrors },
      },
    },
    '/api/v1/jobs': {
      get: {
        tags: [TAG],
        operationId: 'moderationJobs',
        summary: 'Your moderation jobs, newest first',
        description: 'Needs scope `job:read`. Empty parameters (`type=&decision=`) filter nothing.',
        parameters: [
          { name: 'status', in: 'query', description: 'Comma-separated: queued, processing, completed, failed.', schema: { type: 'string' } },
          { name: 'type', in: 'query', description: 'Only `video` jobs exist here.', schema: { type: 'string', enum: ['pre', 'post', 'prompt', 'image', 'video'] } },
          { name: 'decision', in: 'query', schema: { type: 'string', enum: ['pass', 'reject'] } },
          { name: 'from', in: 'query', schema: { type: 'string', format: 'date-time' } },
          { name: 'to', in: 'query', schema: { type: 'string', format: 'date-time' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: LIST_LIMIT_MAX, default: 20 } },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
        ],
        responses: { 200: jsonResponse('One page', ref('ModerationJobList')), 400: moderationError('A query parameter is invalid (named in the message)', 'INVALID_REQUEST'), ...authErrors },
      },
    },
    '/api/v1/job/{id}/progress': {
      get: {
        tags: [TAG],
        operationId: 'moderationProgress',
        summary: 'A job\'s progress as Server-Sent Events',
        description:
          'Needs scope `job:read`. `event: connected` with the current state first, then `event: progress` whenever progress, frames, detail or status ' +
          'change (data: ModerationProgress), `: keepalive` every 15 s; closed at progress 100 or a final status (a finished job: `connected` at 100, then closed). ' +
          'A job still running reads at most 99: 100 comes only with the final status, so the job read after it is final.',
        security: [{ bearerAuth: [] }, { accessToken: [] }],
        parameters: [jobIdParameter],
        responses: {
          200: sseResponse('The progress stream', PROGRESS_EXAMPLE),
          404: moderationError('No moderation job with this id in your account', 'NOT_FOUND'),
          ...authErrors,
        },
      },
    },
  },
};
