import { z } from 'zod';
import { isTerminal, type JobStatus, type JobView } from '@jetjobs/contracts';

/** The moderation API's status words: a cancelled job is `failed` there. */
export const MODERATION_STATUSES = ['queued', 'processing', 'completed', 'failed'] as const;
export type ModerationStatus = (typeof MODERATION_STATUSES)[number];

export function moderationStatus(status: JobStatus): ModerationStatus {
  return status === 'cancelled' ? 'failed' : status;
}

/** The canonical statuses one moderation status word stands for (list filters). */
export function canonicalStatuses(status: ModerationStatus): JobStatus[] {
  return status === 'failed' ? ['failed', 'cancelled'] : [status];
}

/**
 * What the moderation worker leaves in the job result. Read leniently: a category the worker did
 * not evaluate is simply absent, as in the original (disabled checks are left out).
 */
const verdictSchema = z.object({
  is_prohibited: z.boolean().optional(),
  categories: z.record(z.string(), z.unknown()).optional(),
  reason: z.string().optional(),
});

interface Decision {
  readonly isProhibited: boolean | null;
  readonly categories: Record<string, unknown>;
  readonly reason: string | undefined;
}

function decisionOf(job: JobView): Decision {
  const verdict = job.status === 'completed' ? verdictSchema.safeParse(job.result) : null;
  if (!verdict?.success) return { isProhibited: null, categories: { custom: {} }, reason: undefined };
  const { custom, ...builtIn } = verdict.data.categories ?? {};
  const categories = { ...builtIn, custom: isRecord(custom) ? custom : {} };
  // "Any category true" is the documented rule, should a result state the categories only.
  const flagged = Object.values(builtIn).some((v) => v === true) || Object.values(categories.custom).some((v) => v === true);
  const isProhibited = verdict.data.is_prohibited ?? (verdict.data.categories ? flagged : null);
  return { isProhibited, categories, reason: verdict.data.reason };
}

/**
 * `GET /api/v1/job/:id`: `job_id, type, status, is_prohibited (null until decided), categories
 * (always with custom), created_at, completed_at (null until finished), reason?, error_code?`.
 */
export function toModerationJobJson(job: JobView) {
  const decision = decisionOf(job);
  const failure = failureOf(job);
  const reason = decision.reason ?? failure?.reason;
  return {
    job_id: job.id,
    type: 'video' as const,
    status: moderationStatus(job.status),
    is_prohibited: decision.isProhibited,
    categories: decision.categories,
    created_at: job.createdAt,
    completed_at: isTerminal(job.status) ? (job.finishedAt ?? job.updatedAt) : null,
    ...(reason === undefined ? {} : { reason }),
    ...(failure ? { error_code: failure.code } : {}),
  };
}

export type ModerationJobJson = ReturnType<typeof toModerationJobJson>;

/** Why a job ended without a decision; a cancelled job reads as failed with code `cancelled`. */
function failureOf(job: JobView): { code: string; reason: string } | null {
  if (job.status === 'cancelled') return { code: 'cancelled', reason: cancellationText(job) };
  if (job.status === 'failed') return { code: job.error?.code ?? 'failed', reason: job.error?.message ?? 'The job failed' };
  return null;
}

/** The most a job that has not finished may show: 100 is kept for a finished one. */
const UNFINISHED_PROGRESS_MAX = 99;

/**
 * One SSE `connected`/`progress` payload: `job_id, status, progress, detail?, frames_completed?,
 * frame_count?`. A finished job reads 100 whatever its last report, and only a finished one:
 * clients written for the original stop listening at 100 and read the job, which must then be
 * final, while a worker reports its last frame before it appends the verdict.
 */
export function toProgressJson(job: JobView) {
  return {
    job_id: job.id,
    status: moderationStatus(job.status),
    progress: isTerminal(job.status) ? 100 : Math.min(job.progress, UNFINISHED_PROGRESS_MAX),
    ...(job.detail === null ? {} : { detail: job.detail }),
    ...(job.framesCompleted === null ? {} : { frames_completed: job.framesCompleted }),
    ...(job.frameCount === null ? {} : { frame_count: job.frameCount }),
  };
}

export type ProgressJson = ReturnType<typeof toProgressJson>;

/**
 * "Cancelled: <reason>". The cancellation's message is the reason given, or the domain's own
 * "Cancelled on request" when there was none, which needs no prefix.
 */
export function cancellationText(job: JobView): string {
  const message = job.error?.message ?? job.cancelReason;
  if (!message) return 'Cancelled';
  return /^cancel/i.test(message) ? message : `Cancelled: ${message}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
