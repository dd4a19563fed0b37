import { WEBHOOK_DELIVERY_STATES } from '@jetjobs/contracts';
import { jobIdParameter, jsonContent, jsonResponse, nativeAuthErrors, nativeError, orNull, ref } from './common.openapi';
import type { OpenApiArea, Schema } from './openapi-area';

const TAG = 'Webhooks';
const time: Schema = { type: 'string', format: 'date-time' };

const signatureHeaders = {
  'webhook-id': { required: true, description: 'The delivery\'s id: the same on every retry, so receivers can drop duplicates.', schema: { type: 'string' } },
  'webhook-timestamp': { required: true, description: 'Unix seconds when this attempt was sent; reject ones far from your clock.', schema: { type: 'integer' } },
  'webhook-signature': {
    required: true,
    description: '`v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part of your `whsec_` secret.',
    schema: { type: 'string' },
  },
};

/** Signed webhooks (Standard Webhooks) and the record of every delivery attempt. */
export const webhooksOpenApi: OpenApiArea = {
  tags: [{ name: TAG, description: 'Jobs submitted with a `webhook_url` get their final state POSTed to it, signed and retried.' }],
  schemas: {
    WebhookAttempt: {
      type: 'object',
      required: ['webhook_id', 'attempt', 'url', 'event_type', 'event_version', 'state', 'status_code', 'error', 'duration_ms', 'attempted_at', 'delivered_at', 'next_attempt_at'],
      properties: {
        webhook_id: { type: 'string', description: 'The `webhook-id` header sent; shared by the attempts of one delivery.' },
        attempt: { type: 'integer', minimum: 1 },
        url: { type: 'string', format: 'uri' },
        event_type: { type: 'string', enum: ['JobCompleted', 'JobFailed', 'JobCancelled'] },
        event_version: { type: 'integer', minimum: 1 },
        state: { type: 'string', enum: [...WEBHOOK_DELIVERY_STATES], description: '`pending`: another attempt follows at `next_attempt_at` (or this one is in flight).' },
        status_code: orNull({ type: 'integer' }),
        error: orNull({ type: 'string' }),
        duration_ms: orNull({ type: 'integer', minimum: 0 }),
        attempted_at: time,
        delivered_at: orNull(time),
        next_attempt_at: orNull(time),
      },
    },
    WebhookDeliveries: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('WebhookAttempt') } } },
  },
  paths: {
    '/v1/jobs/{id}/webhook-deliveries': {
      get: {
        tags: [TAG],
        operationId: 'listWebhookDeliveries',
        summary: 'Every attempt at delivering a job\'s webhook',
        description: 'Needs scope `job:read`. Oldest first; empty for a job without a webhook_url or not finished yet.',
        parameters: [jobIdParameter],
        responses: {
          200: jsonResponse('The attempts', ref('WebhookDeliveries')),
          404: nativeError('No such job in your project', ['job_not_found']),
          ...nativeAuthErrors,
        },
      },
    },
  },
  webhooks: {
    jobFinished: {
      post: {
        tags: [TAG],
        operationId: 'jobFinishedWebhook',
        summary: 'A job reached completed, failed or cancelled',
        description:
          'Sent to the job\'s `webhook_url`. The body is the job\'s status object: the native Job, or for a moderation job the moderation API\'s job object (as `GET /api/v1/job/{id}` answers). ' +
          'Answer 2xx within the timeout (10 s by default); anything else, ' +
          'a timeout or a network error is retried with exponential backoff and jitter (8 attempts by default), with the same `webhook-id`. ' +
          'Redirects are not followed. Get the signing secret with `jetjobs webhook-secret --project <id>`.',
        parameters: Object.entries(signatureHeaders).map(([name, header]) => ({ name, in: 'header' as const, ...header })),
        requestBody: { required: true, content: jsonContent(ref('Job')) },
        responses: { '2XX': { description: 'Received; no further attempt is made' }, default: { description: 'Not received: retried later' } },
      },
    },
  },
};
