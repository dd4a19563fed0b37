import { z } from 'zod';
import { actorSchema } from './messages';

/**
 * Webhook deliveries as job-registry records them: one row per attempt, the attempts of one
 * delivery sharing its Standard Webhooks message id (`webhook-id`).
 */
export const WEBHOOK_DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];

/** One attempt at delivering a job's terminal state to its `webhookUrl`. */
export interface WebhookAttempt {
  /** The `webhook-id` header: the terminal event's id, the same on every retry. */
  readonly id: string;
  readonly jobId: string;
  readonly url: string;
  /** The terminal event delivered: `JobCompleted`, `JobFailed` or `JobCancelled`. */
  readonly eventType: string;
  readonly eventVersion: number;
  readonly attempt: number;
  /** `pending`: failed, another attempt is due at `nextAttemptAt` (or this one is in flight). */
  readonly state: WebhookDeliveryState;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number | null;
  readonly attemptedAt: string;
  /** When the receiver acknowledged with a 2xx; null for an attempt that did not succeed. */
  readonly deliveredAt: string | null;
  readonly nextAttemptAt: string | null;
}

export const listWebhookDeliveriesPayloadSchema = z.object({ actor: actorSchema, jobId: z.string().min(1) });
export type ListWebhookDeliveriesPayload = z.infer<typeof listWebhookDeliveriesPayloadSchema>;

/** Operator request (CLI): the project's signing secret, created on first use. */
export const webhookSecretPayloadSchema = z.object({ projectId: z.string().min(1).max(200) });
export type WebhookSecretPayload = z.infer<typeof webhookSecretPayloadSchema>;
