import type { JobStatus, JobView } from '@jetjobs/contracts';
import { resultClips, toClipperClip, toCostAnalysis, type ClipperClip, type CostAnalysis } from './clipper-clip';

export type ClipperStatusWord = 'queued' | 'processing' | 'completed' | 'failed';

const STATUS_WORDS: Readonly<Record<JobStatus, ClipperStatusWord>> = {
  queued: 'queued',
  processing: 'processing',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'failed',
};

export interface ClipperStatus {
  readonly status: ClipperStatusWord;
  readonly logs: readonly string[];
  readonly result: { readonly clips: readonly ClipperClip[]; readonly cost_analysis: CostAnalysis } | null;
}

/**
 * `GET /api/status/:job_id`: `{status, logs, result}`. Clips appear in `result` one by one while
 * the job runs (its partial outputs) — costs are only known at the end, so until then they read
 * zero — and the final result's clips replace them on completion. A failed job has no result.
 */
export function toClipperStatus(job: JobView): ClipperStatus {
  const status = STATUS_WORDS[job.status];
  return { status, logs: clipperLogs(job), result: clipperResult(job, status) };
}

/**
 * The original's log opens with the queueing line and ends a failure with the error; the lines in
 * between are the worker's own. Clients show the last lines of a failed job, so its reason is one.
 */
function clipperLogs(job: JobView): string[] {
  const lines = [`Job ${job.id} queued.`, ...job.logs.map((log) => log.line)];
  if (job.status === 'failed' && job.error) lines.push(`Execution error: ${job.error.message}`);
  if (job.status === 'cancelled') lines.push(`Job cancelled: ${job.error?.message ?? 'on request'}`);
  return lines;
}

function clipperResult(job: JobView, status: ClipperStatusWord): ClipperStatus['result'] {
  if (status === 'completed') {
    return { clips: resultClips(job.result, job.outputs).map((clip) => toClipperClip(job.id, clip)), cost_analysis: toCostAnalysis(job.result) };
  }
  if (status === 'processing' && job.outputs.length > 0) {
    return { clips: job.outputs.map((clip) => toClipperClip(job.id, clip)), cost_analysis: toCostAnalysis(null) };
  }
  return null;
}
