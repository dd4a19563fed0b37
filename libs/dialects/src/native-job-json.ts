import type { JobPage, JobView } from '@jetjobs/contracts';

/**
 * A job as the native `/v1` API shows it: snake_case, without internal fields such as the
 * project. Also the default webhook body, so the two cannot drift apart.
 */
export function toJobJson(job: JobView) {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    attempt: job.attempt,
    progress: job.progress,
    detail: job.detail,
    frames_completed: job.framesCompleted,
    frame_count: job.frameCount,
    input: job.input,
    result: job.result ?? null,
    outputs: job.outputs,
    logs: job.logs.map(({ at, level, line }) => ({ at, level, line })),
    error: job.error ? { code: job.error.code, message: job.error.message } : null,
    cancel_requested: job.cancelRequested,
    retry_due_at: job.retryDueAt,
    created_at: job.createdAt,
    updated_at: job.updatedAt,
    started_at: job.startedAt,
    finished_at: job.finishedAt,
    version: job.version,
  };
}

export type JobJson = ReturnType<typeof toJobJson>;

export function toJobPageJson(page: JobPage) {
  return { items: page.items.map(toJobJson), total: page.total, next_cursor: page.nextCursor };
}

/**
 * A job of any project as the admin API lists it: every field of the state, so an operator tool
 * over HTTP sees what one reading the registry directly sees.
 */
export function toAdminJobJson(job: JobView) {
  return {
    ...toJobJson(job),
    project_id: job.projectId,
    attempt_failed: job.attemptFailed,
    webhook_url: job.webhookUrl,
    cancel_reason: job.cancelReason,
  };
}

export type AdminJobJson = ReturnType<typeof toAdminJobJson>;
