import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { BUILTIN_KINDS, CodedError, type JobView } from '@jetjobs/contracts';
import { Actor } from '../../auth/actor.decorator';
import { RequireScopes } from '../../auth/require-scopes.decorator';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/gateway-config';
import { JobIdPipe } from '../../jobs/job-id.pipe';
import { SubmitRateLimitGuard } from '../../rate-limits/submit-rate-limit.guard';
import { UploadService } from '../../uploads/upload.service';
import { ClipperAuthGuard } from './clipper-auth.guard';
import { clipperInputOf, readClipperSource, type ClipperSource } from './clipper-source';
import { toClipperStatus } from './clipper-status';
import { JobViews } from '../../live-events/job-views';

/** The clipper API (viral short clips from a long video), wire-compatible with the original. */
@Controller('api')
@UseGuards(ClipperAuthGuard)
export class ClipperController {
  constructor(
    private readonly views: JobViews,
    private readonly uploads: UploadService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** `{"url": …}` as JSON, or a multipart `file`: exactly one. Answers `{job_id, status: "queued"}`. */
  @Post('process')
  @HttpCode(200)
  @RequireScopes('clips:process')
  @UseGuards(SubmitRateLimitGuard)
  async process(@Actor() actor: Actor, @Req() request: Request, @Body() body: unknown) {
    const source = await readClipperSource(request, body, this.uploads, this.config.JETJOBS_MAX_UPLOAD_BYTES);
    const job = await this.submit(actor, source).catch(async (error: unknown) => {
      if ('upload' in source) await this.uploads.discard(source.upload);
      throw error;
    });
    return { job_id: job.id, status: toClipperStatus(job).status };
  }

  /** `{status, logs, result}`; 404 for an unknown job, another project's, or one of another API. */
  @Get('status/:job_id')
  @RequireScopes('job:read')
  async status(@Actor() actor: Actor, @Param('job_id', JobIdPipe) jobId: string) {
    const job = await this.views.get(actor, jobId);
    if (job.kind !== BUILTIN_KINDS.clipper) throw new CodedError('job_not_found', `No clipper job with id ${jobId}`);
    return toClipperStatus(job);
  }

  private async submit(actor: Actor, source: ClipperSource): Promise<JobView> {
    const { job } = await this.views.submit({
      actor,
      kind: BUILTIN_KINDS.clipper,
      input: await clipperInputOf(source, this.config.JETJOBS_SOURCE_URL_ALLOWLIST),
      webhookUrl: null,
      idempotencyKey: null,
      correlationId: randomUUID(),
    });
    return job;
  }
}
