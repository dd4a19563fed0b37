import { randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res, UseGuards, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BUILTIN_KINDS, CodedError, isTerminal, type AvfInput, type JobView, type MediaRef } from '@jetjobs/contracts';
import { Actor } from '../../auth/actor.decorator';
import { AuthGuard } from '../../auth/auth.guard';
import { AllowQueryToken, RequireScopes } from '../../auth/require-scopes.decorator';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/gateway-config';
import { JobIdPipe } from '../../jobs/job-id.pipe';
import { LiveEventHub } from '../../live-events/live-event-hub';
import { SseSlotGuard } from '../../rate-limits/stream-slot.guard';
import { SubmitRateLimitGuard } from '../../rate-limits/submit-rate-limit.guard';
import { UploadService } from '../../uploads/upload.service';
import { AvfStatusStream } from './avf-status-stream';
import { avfAcceptEnvelope, toAvfStatus } from './avf-status';
import { SseWriter } from '../../job-events/sse-writer';
import { JobViews } from '../../live-events/job-views';

/** The AVF API (audio-visual forgery detection), wire-compatible with the original. */
@Controller('api-gateway/avf')
@UseGuards(AuthGuard)
export class AvfController implements BeforeApplicationShutdown {
  private readonly open = new Set<AvfStatusStream>();

  constructor(
    private readonly views: JobViews,
    private readonly uploads: UploadService,
    private readonly hub: LiveEventHub,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Multipart `file` (a video, at most 100 MB) → 202 with the original's accept envelope. */
  @Post('infer')
  @HttpCode(202)
  @RequireScopes('avf:infer')
  @UseGuards(SubmitRateLimitGuard)
  async infer(@Actor() actor: Actor, @Req() request: Request) {
    const { file } = await this.uploads.receive(request, { maxFileBytes: this.config.JETJOBS_AVF_MAX_UPLOAD_BYTES });
    if (!file) throw new CodedError('validation_failed', 'file: is required: send the video as multipart/form-data in a "file" field');
    const job = await this.submit(actor, file).catch(async (error: unknown) => {
      await this.uploads.discard(file);
      throw error;
    });
    return avfAcceptEnvelope(job, file.filename);
  }

  /**
   * A finished request (completed or failed) answers plain JSON; one still pending or processing
   * answers an SSE stream of status objects until it finishes or the timeout passes. The token
   * may come as `?access_token=`, since browsers' EventSource cannot send headers.
   */
  @Get('status/:request_id')
  @RequireScopes('job:read')
  @AllowQueryToken()
  @UseGuards(SseSlotGuard)
  async status(@Actor() actor: Actor, @Param('request_id', JobIdPipe) requestId: string, @Res() response: Response): Promise<void> {
    const fetchJob = () => this.findAvfJob(actor, requestId);
    const stream = new AvfStatusStream(new SseWriter(response), {
      keepaliveMs: this.config.JETJOBS_SSE_KEEPALIVE_MS,
      timeoutMs: this.config.JETJOBS_AVF_SSE_TIMEOUT_MS,
      fetchJob,
    });
    stream.listen((listener) => this.hub.subscribe(requestId, listener));
    this.open.add(stream);
    response.on('close', () => this.open.delete(stream));
    let job: JobView;
    try {
      job = await fetchJob();
    } catch (error) {
      stream.abandon();
      throw error;
    }
    if (isTerminal(job.status)) {
      stream.abandon();
      response.status(200).json(toAvfStatus(job));
      return;
    }
    stream.start(job);
  }

  /** Open streams would hold the HTTP server open; their clients reconnect to another gateway. */
  beforeApplicationShutdown(): void {
    for (const stream of this.open) stream.finish();
    this.open.clear();
  }

  private async submit(actor: Actor, file: MediaRef): Promise<JobView> {
    const input: AvfInput = { source: { upload: file } };
    const { job } = await this.views.submit({
      actor,
      kind: BUILTIN_KINDS.avf,
      input,
      webhookUrl: null,
      idempotencyKey: null,
      correlationId: randomUUID(),
    });
    return job;
  }

  private async findAvfJob(actor: Actor, requestId: string): Promise<JobView> {
    const job = await this.views.get(actor, requestId);
    if (job.kind !== BUILTIN_KINDS.avf) throw new CodedError('job_not_found', `No AVF request with id ${requestId}`);
    return job;
  }
}
