import { BUILTIN_KINDS, type JobView } from '@jetjobs/contracts';
import { toJobJson, toModerationJobJson } from '@jetjobs/dialects';

/**
 * The body of a webhook is the job's status object in the words of the API that created the job.
 * A dialect API (moderation, …) plugs its own in by adding an entry to `DIALECT_WEBHOOK_BODIES`:
 *
 * - `appliesTo(job)` recognises the jobs it words (moderation: by kind).
 * - `toBody(job)` is the same mapper its status route uses, from `@jetjobs/dialects`, and pure:
 *   every retry of a delivery re-renders the same body from the same events.
 */
export interface WebhookBody {
  /** The API whose status object this is, for logs. */
  readonly dialect: string;
  appliesTo(job: JobView): boolean;
  toBody(job: JobView): unknown;
}

/** Every job that no dialect claims gets the native job JSON. */
export const NATIVE_WEBHOOK_BODY: WebhookBody = { dialect: 'native', appliesTo: () => true, toBody: toJobJson };

/**
 * A moderation job's webhook carries the moderation API's status object (what
 * `GET /api/v1/job/:id` answers), as clients of that API expect; other kinds get the native JSON.
 */
export const MODERATION_WEBHOOK_BODY: WebhookBody = {
  dialect: 'moderation',
  appliesTo: (job) => job.kind === BUILTIN_KINDS.moderation,
  toBody: toModerationJobJson,
};

/** Dialect bodies, the first match wins; the native body follows them all. */
export const DIALECT_WEBHOOK_BODIES: readonly WebhookBody[] = [MODERATION_WEBHOOK_BODY];

/** The status object a job's webhook carries. */
export function webhookBodyFor(job: JobView, dialects: readonly WebhookBody[] = DIALECT_WEBHOOK_BODIES): unknown {
  const body = dialects.find((candidate) => candidate.appliesTo(job)) ?? NATIVE_WEBHOOK_BODY;
  return body.toBody(job);
}
