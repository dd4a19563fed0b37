import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { CodedError } from '@jetjobs/contracts';
import { Actor } from '../auth/actor.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { CommandRateLimitGuard } from '../rate-limits/command-rate-limit.guard';
import { SubmitRateLimitGuard } from '../rate-limits/submit-rate-limit.guard';
import { RegistryClient } from '../registry/registry-client';
import { JobIdPipe } from './job-id.pipe';
import { toJobJson, toJobPageJson } from '@jetjobs/dialects';
import { DEFAULT_LIST_LIMIT, idempotencyKeySchema, jobCommandBodySchema, listJobsQuerySchema, submitJobBodySchema } from './job-requests';
import { JsonBodyGuard } from './json-body.guard';
import { assertOwnUpload } from './upload-references';
import { MediaBucket } from '../uploads/media-bucket';
import { assertWebhookUrl } from '../webhooks/webhook-url';
import { JobViews } from '../live-events/job-views';

@Controller('v1/jobs')
@UseGuards(AuthGuard)
export class JobsController {
  constructor(
    private readonly views: JobViews,
    private readonly registry: RegistryClient,
    private readonly bucket: MediaBucket,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** 202 whether the job is new or an earlier submission with the same Idempotency-Key. */
  @Post()
  @HttpCode(202)
  @RequireScopes('job:write')
  @UseGuards(SubmitRateLimitGuard, JsonBodyGuard)
  async submit(@Actor() actor: Actor, @Body() body: unknown, @Headers('idempotency-key') key: string | undefined) {
    const request = submitJobBodySchema.parse(body ?? {});
    const idempotencyKey = idempotencyKeySchema.safeParse(key);
    if (!idempotencyKey.success) throw new CodedError('validation_failed', 'Idempotency-Key: must be 1 to 255 characters');
    if (request.webhook_url) await assertWebhookUrl(request.webhook_url, this.config.JETJOBS_WEBHOOK_URL_ALLOWLIST);
    await assertOwnUpload(this.bucket, request.input, actor.projectId);
    const { job } = await this.views.submit({
      actor,
      kind: request.kind,
      input: request.input,
      webhookUrl: request.webhook_url ?? null,
      idempotencyKey: idempotencyKey.data ?? null,
      correlationId: randomUUID(),
    });
    return { id: job.id, status: job.status };
  }

  @Get()
  @RequireScopes('job:read')
  async list(@Actor() actor: Actor, @Query() query: unknown) {
    const q = listJobsQuerySchema.parse(query);
    const page = await this.registry.send('jobs', {
      actor,
      kind: q.kind ?? null,
      statuses: q.status ?? null,
      createdFrom: q.created_from ?? null,
      createdTo: q.created_to ?? null,
      limit: q.limit ?? DEFAULT_LIST_LIMIT,
      cursor: q.cursor ?? null,
      offset: null,
    });
    return toJobPageJson(page);
  }

  @Get(':id')
  @RequireScopes('job:read')
  async get(@Actor() actor: Actor, @Param('id', JobIdPipe) jobId: string) {
    return toJobJson(await this.views.get(actor, jobId));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequireScopes('job:write')
  @UseGuards(CommandRateLimitGuard)
  cancel(@Actor() actor: Actor, @Param('id', JobIdPipe) jobId: string, @Body() body: unknown) {
    return this.command('cancel', actor, jobId, body);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @RequireScopes('job:write')
  @UseGuards(CommandRateLimitGuard)
  retry(@Actor() actor: Actor, @Param('id', JobIdPipe) jobId: string, @Body() body: unknown) {
    return this.command('retry', actor, jobId, body);
  }

  private async command(name: 'cancel' | 'retry', actor: Actor, jobId: string, body: unknown) {
    const { reason } = jobCommandBodySchema.parse(body ?? {});
    const job = await this.registry.send(name, { actor, jobId, reason: reason ?? null, correlationId: randomUUID() });
    this.views.update(job);
    return toJobJson(job);
  }
}
