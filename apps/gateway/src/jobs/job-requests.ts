import { z } from 'zod';
import { JOB_STATUSES, LIST_LIMIT_MAX, kindSchema } from '@jetjobs/contracts';

/** `POST /v1/jobs`. Unknown fields are refused so that a misspelt `webhook_url` is not ignored. */
export const submitJobBodySchema = z.strictObject({
  kind: kindSchema,
  // Any JSON value, null included, but it must be there.
  input: z.unknown(),
  webhook_url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).nullish(),
});

export const jobCommandBodySchema = z.strictObject({
  reason: z.string().max(500).nullish(),
});

export const idempotencyKeySchema = z.string().min(1).max(255).optional();

export const DEFAULT_LIST_LIMIT = 20;

const wholeNumber = z.string().regex(/^\d{1,6}$/, `must be a whole number from 1 to ${LIST_LIMIT_MAX}`).transform(Number);
const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).transform((s) => new Date(s).toISOString());
const statusList = z
  .string()
  .transform((s) => s.split(',').map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.enum(JOB_STATUSES)).min(1, 'must name at least one status'));

/** `GET /v1/jobs` query string. Repeated parameters arrive as arrays and are refused. */
export const listJobsQuerySchema = z
  .object({
    kind: kindSchema.optional(),
    status: statusList.optional(),
    limit: wholeNumber.pipe(z.number().int().min(1).max(LIST_LIMIT_MAX)).optional(),
    // Cursors are opaque tokens minted by the registry in base64url.
    cursor: z.string().regex(/^[A-Za-z0-9_-]{1,512}$/, 'is not a cursor returned by a previous page').optional(),
    created_from: isoTime.optional(),
    created_to: isoTime.optional(),
  })
  .refine((q) => !q.created_from || !q.created_to || q.created_from <= q.created_to, {
    path: ['created_to'],
    message: 'must not be before created_from',
  });

export type ListJobsQuery = z.infer<typeof listJobsQuerySchema>;
