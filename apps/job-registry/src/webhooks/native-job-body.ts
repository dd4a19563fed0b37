import type { JobView } from '@jetjobs/contracts';

/**
 * A job as the native `/v1` API shows it (`GET /v1/jobs/:id`): snake_case, no internal fields.
 * It repeats the gateway's job JSON because services do not import each other; the webhook
 * end-to-end test compares the two, so they cannot drift apart unnoticed.
 */
export function nativeJobBody(job: JobView) {
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
