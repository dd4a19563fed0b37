import { z } from 'zod';
import { LIST_LIMIT_MAX, MODERATION_DECISIONS } from '@jetjobs/contracts';
import { MODERATION_STATUSES, type ModerationStatus } from '@jetjobs/dialects';

const optionalText = z
  .string({ error: 'must be a string' })
  .nullish()
  .transform((value) => (value === null || value === undefined || value.trim() === '' ? undefined : value.trim()));

/**
 * `POST /api/v1/moderate/video` fields, from JSON or from a form. Unknown fields are ignored, as
 * a client of the original may send some we do not know; the URLs are checked separately.
 */
export const moderateVideoFieldsSchema = z.object({
  video_url: optionalText,
  webhook_url: optionalText,
});

/** The job modalities of the original; this platform moderates videos only. */
export const MODERATION_TYPES = ['pre', 'post', 'prompt', 'image', 'video'] as const;

export const DEFAULT_MODERATION_PAGE = 20;

const count = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be a whole number from 0 to ${max}`)
    .transform(Number)
    .pipe(z.number().int().max(max, `must be at most ${max}`));
const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2025-01-31T00:00:00Z' }).transform((s) => new Date(s).toISOString());
const isModerationStatus = (word: string): word is ModerationStatus => (MODERATION_STATUSES as readonly string[]).includes(word);
const statusList = z.string().transform((text, context) => {
  const words = text.split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = words.filter((word) => !isModerationStatus(word));
  if (words.length > 0 && unknown.length === 0) return words as ModerationStatus[];
  const got = unknown.length > 0 ? `"${unknown.join('", "')}" is not a status: ` : '';
  context.addIssue({ code: 'custom', message: `${got}use ${MODERATION_STATUSES.join(', ')} (comma-separated)` });
  return z.NEVER;
});

/** `GET /api/v1/jobs` query. A repeated parameter arrives as an array and is refused. */
export const listModerationJobsQuerySchema = z
  .object({
    status: statusList.optional(),
    type: z.enum(MODERATION_TYPES, { error: `must be one of ${MODERATION_TYPES.join(', ')}` }).optional(),
    decision: z.enum(MODERATION_DECISIONS, { error: 'must be pass or reject' }).optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    limit: count(LIST_LIMIT_MAX).pipe(z.number().min(1, 'must be at least 1')).optional(),
    offset: count(1_000_000_000).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });

export type ListModerationJobsQuery = z.infer<typeof listModerationJobsQuerySchema>;
