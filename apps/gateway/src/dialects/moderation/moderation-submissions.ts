import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { BUILTIN_KINDS, CodedError, type Actor, type JobView, type MediaRef } from '@jetjobs/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/gateway-config';
import { isJsonMediaType } from '../../jobs/json-body.guard';
import { idempotencyKeySchema } from '../../jobs/job-requests';
import { isMultipart, UploadService } from '../../uploads/upload.service';
import { readModerationBody } from './moderation-body';
import { JobViews } from '../../live-events/job-views';

interface ModerationForm {
  readonly fields: unknown;
  readonly file: MediaRef | null;
}

/**
 * `POST /api/v1/moderate/video`: a JSON body or a form with `video_url` (a public http(s) URL) or,
 * as an extension of the original, the video itself in a `file` field; optional `webhook_url`.
 */
@Injectable()
export class ModerationSubmissions {
  constructor(
    private readonly views: JobViews,
    private readonly uploads: UploadService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async submit(actor: Actor, request: Request, idempotencyHeader: string | undefined): Promise<JobView> {
    const key = idempotencyKeySchema.safeParse(idempotencyHeader);
    if (!key.success) throw new CodedError('validation_failed', 'Idempotency-Key: must be 1 to 255 characters');
    const form = await this.readForm(request);
    try {
      const { input, webhookUrl } = await readModerationBody(form.fields, form.file, this.config);
      const { job, created } = await this.views.submit({
        actor,
        kind: BUILTIN_KINDS.moderation,
        input,
        webhookUrl,
        idempotencyKey: key.data ?? null,
        correlationId: randomUUID(),
      });
      // A repeated Idempotency-Key answers the first job: this request's upload is not needed.
      if (!created && form.file) await this.uploads.discard(form.file);
      return job;
    } catch (error) {
      if (form.file) await this.uploads.discard(form.file);
      throw error;
    }
  }

  private async readForm(request: Request): Promise<ModerationForm> {
    const type = request.headers['content-type'];
    if (isMultipart(type)) {
      const upload = await this.uploads.receive(request, { maxFileBytes: this.config.JETJOBS_MODERATION_MAX_UPLOAD_BYTES, fileField: 'file' });
      return { fields: upload.fields, file: upload.file };
    }
    if (type === undefined || isJsonMediaType(type)) return { fields: request.body as unknown, file: null };
    throw new CodedError('unsupported_media_type', `Content-Type must be application/json or multipart/form-data (got ${type})`);
  }
}
