import { stat } from 'node:fs/promises';
import type { HttpTransport } from './http-transport';
import type { JobsApi } from './jobs-api';
import type { Job } from './job-types';
import { multipartFileBody, type UploadProgress, type UploadSource } from './multipart-body';

/** The kinds that take an uploaded video, and the route that receives it (each API's own). */
const UPLOAD_ROUTES = {
  avf: { path: '/api-gateway/avf/infer', jobId: (body: AnswerBody) => body.data?.metadata?.request_id },
  moderation: { path: '/api/v1/moderate/video', jobId: (body: AnswerBody) => body.job_id },
  clipper: { path: '/api/process', jobId: (body: AnswerBody) => body.job_id },
} as const;

/** A kind that accepts an uploaded video. */
export type UploadKind = keyof typeof UPLOAD_ROUTES;

interface AnswerBody {
  readonly job_id?: string;
  readonly data?: { readonly metadata?: { readonly request_id?: string } };
}

/** Options of `uploads.submitVideo`. */
export interface SubmitVideoOptions {
  /** Defaults to the stream's file name (`fs.createReadStream`), else `video.mp4`. */
  readonly filename?: string;
  readonly contentType?: string;
  /** Total bytes, for progress; found by itself for Blobs, byte arrays and file streams. */
  readonly size?: number;
  readonly onProgress?: (progress: UploadProgress) => void;
  readonly signal?: AbortSignal;
}

/** Video uploads: the file streams to the gateway, which stores it and submits the job. */
export class UploadsApi {
  constructor(
    private readonly transport: HttpTransport,
    private readonly jobs: JobsApi,
  ) {}

  /**
   * Uploads a video and submits a job of `kind` on it; resolves to the new job. Not retried: a
   * stream cannot be sent twice (a 429 rejects with `JetJobsError`, `retryAfterSeconds` set).
   */
  async submitVideo(kind: UploadKind, source: UploadSource, options: SubmitVideoOptions = {}): Promise<Job> {
    const route = UPLOAD_ROUTES[kind];
    if (!route) throw new TypeError(`uploads.submitVideo: kind "${String(kind)}" takes no upload; one of ${Object.keys(UPLOAD_ROUTES).join(', ')}`);
    const path = pathOf(source);
    const filename = options.filename ?? (path ? path.split(/[\\/]/).at(-1) : undefined) ?? 'video.mp4';
    const size = options.size ?? (await sizeOf(source, path));
    const { body, contentType } = multipartFileBody(source, { filename, contentType: options.contentType ?? 'application/octet-stream', size }, options.onProgress);
    const answer = await this.transport.json<AnswerBody>({
      method: 'POST',
      path: route.path,
      headers: { 'content-type': contentType },
      body,
      signal: options.signal,
      retry: false,
    });
    const jobId = route.jobId(answer);
    if (!jobId) throw new Error(`uploads.submitVideo: the gateway's answer names no job: ${JSON.stringify(answer).slice(0, 200)}`);
    return this.jobs.get(jobId, { signal: options.signal });
  }
}

function pathOf(source: UploadSource): string | undefined {
  const path = (source as { path?: unknown }).path;
  return typeof path === 'string' ? path : path instanceof Buffer ? path.toString() : undefined;
}

async function sizeOf(source: UploadSource, path: string | undefined): Promise<number | null> {
  if (source instanceof Uint8Array) return source.byteLength;
  if (source instanceof Blob) return source.size;
  if (path === undefined) return null;
  return stat(path).then((s) => s.size, () => null);
}
