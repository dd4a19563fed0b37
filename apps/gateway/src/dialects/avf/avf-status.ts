import { avfInputSchema, type JobStatus, type JobView } from '@jetjobs/contracts';

export type AvfStatusWord = 'pending' | 'processing' | 'completed' | 'failed';

const STATUS_WORDS: Readonly<Record<JobStatus, AvfStatusWord>> = {
  queued: 'pending',
  processing: 'processing',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'failed',
};

export const isFinished = (word: AvfStatusWord): boolean => word === 'completed' || word === 'failed';

type Fields = Record<string, unknown>;
const asFields = (value: unknown): Fields => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {});
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Unix seconds, as every AVF timestamp is. */
export const unixSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/**
 * The AVF status object, in the documented field order: `completed_at` and `result` only once
 * completed; a failed request says why in `error`. The result is the worker's, with the
 * documented fields always present and typed, and the request's own id and file name in its
 * metadata.
 */
export function toAvfStatus(job: JobView) {
  const status = STATUS_WORDS[job.status];
  const sourceFilename = sourceFilenameOf(job.input);
  const base = { request_id: job.id, project_id: job.projectId, source_filename: sourceFilename, status, created_at: unixSeconds(job.createdAt) };
  if (status === 'completed') {
    return { ...base, completed_at: unixSeconds(job.finishedAt ?? job.updatedAt), result: avfResult(job, sourceFilename) };
  }
  if (status === 'failed') return { ...base, error: job.error?.message ?? 'Inference failed' };
  return base;
}

export type AvfStatus = ReturnType<typeof toAvfStatus>;

function avfResult(job: JobView, sourceFilename: string) {
  const result = asFields(job.result);
  const prediction = result['prediction'];
  return {
    success: typeof result['success'] === 'boolean' ? result['success'] : true,
    message: typeof result['message'] === 'string' ? result['message'] : 'Inference completed successfully',
    prediction: prediction === 'real' || prediction === 'fake' ? prediction : null,
    confidence: numberOrNull(result['confidence']),
    score: numberOrNull(result['score']),
    metadata: { ...asFields(result['metadata']), request_id: job.id, source_filename: sourceFilename },
  };
}

/** The uploaded file's name; for a job submitted with a URL (async API), the URL's last segment. */
export function sourceFilenameOf(input: unknown): string {
  const parsed = avfInputSchema.safeParse(input);
  if (!parsed.success) return '';
  const { source } = parsed.data;
  if ('upload' in source) return source.upload.filename;
  const segment = new URL(source.url).pathname.split('/').filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The 202 answer to `POST /api-gateway/avf/infer`, exactly as the original sends it. */
export function avfAcceptEnvelope(job: JobView, sourceFilename: string) {
  return {
    message: 'Inference request accepted',
    data: {
      success: true,
      message: 'Accepted for processing',
      prediction: null,
      confidence: null,
      score: null,
      metadata: { request_id: job.id, source_filename: sourceFilename, received_at: unixSeconds(job.createdAt) },
    },
  };
}
