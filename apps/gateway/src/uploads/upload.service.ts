import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { CodedError, MEDIA_PURPOSES, mediaOwnerOf, type MediaRef } from '@jetjobs/contracts';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { closeAfterResponse } from './close-after-response';
import { MediaBucket } from './media-bucket';
import { MultipartReceiver, type MultipartUpload, type UploadOptions as ReceiverOptions } from './multipart-receiver';
import { FORM_OVERHEAD_BYTES, tooLarge } from './upload-limits';
import { withinUploadQuota } from './upload-quota';

export type { MultipartUpload };
/** What a route asks for; the owner is always the authenticated caller's project. */
export type UploadOptions = Omit<ReceiverOptions, 'owner'>;

/**
 * Receives `multipart/form-data` uploads straight into the media object store. The file is never
 * held whole in memory: it is read from the socket only as fast as the store takes it, sniffed
 * from its first bytes (not its name or declared type), and cut off with 413 the moment it passes
 * the limit.
 */
@Injectable()
export class UploadService {
  private readonly logger = new Logger(UploadService.name);

  constructor(
    private readonly bucket: MediaBucket,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * Parses the request's form: its text fields, and the video in `options.fileField` stored as
   * `uploads/<uuid>/<sanitised name>`. Throws a CodedError: 400 for a form that is not
   * multipart, malformed, empty or not a video; 413 over the size limit; 408 for a body that
   * arrives slower than the configured minimum rate.
   */
  async receive(request: Request, options: UploadOptions): Promise<MultipartUpload> {
    if (!isMultipart(request.headers['content-type'])) {
      const got = request.headers['content-type'] ?? 'none';
      throw new CodedError('validation_failed', `Content-Type must be multipart/form-data with the video in a "${options.fileField ?? 'file'}" field (got ${got})`);
    }
    // A declared length that cannot fit is refused before a byte of the body is read.
    if (Number(request.headers['content-length'] ?? 0) > options.maxFileBytes + FORM_OVERHEAD_BYTES) {
      closeAfterResponse(request);
      throw tooLarge(options.maxFileBytes);
    }
    const projectId = (request as AuthenticatedRequest).principal?.projectId;
    if (!projectId) throw new CodedError('unauthorized', 'Not authenticated');
    const pace = { minBytesPerSecond: this.config.JETJOBS_UPLOAD_MIN_BYTES_PER_S, windowMs: this.config.JETJOBS_UPLOAD_RATE_WINDOW_MS };
    const owner = { projectId, purpose: MEDIA_PURPOSES.upload };
    const declared = Number(request.headers['content-length']);
    const mostBytes = Number.isSafeInteger(declared) && declared > 0 ? Math.min(declared, options.maxFileBytes) : options.maxFileBytes;
    const quota = { usage: await this.bucket.usage(), projectId, quotaBytes: this.config.JETJOBS_PROJECT_STORAGE_BYTES, mostBytes };
    const store = await this.bucket.open();
    return withinUploadQuota(quota, () => new MultipartReceiver(request, store, { pace, ...options, owner }).run()).catch((error: unknown) => {
      // Refused before the body was read: the connection cannot be reused.
      if (error instanceof CodedError && error.code === 'quota_exceeded') closeAfterResponse(request);
      throw error;
    });
  }

  /** Removes an upload that will not be used, e.g. when the job it was for could not be submitted. */
  async discard(file: MediaRef): Promise<void> {
    try {
      const store = await this.bucket.open();
      const owner = mediaOwnerOf((await store.info(file.object))?.metadata);
      await store.delete(file.object);
      if (owner) await (await this.bucket.usage()).forget(owner.projectId, file.object);
    } catch (error) {
      this.logger.warn(`Could not remove the unused upload ${file.object}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export function isMultipart(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'multipart/form-data';
}
