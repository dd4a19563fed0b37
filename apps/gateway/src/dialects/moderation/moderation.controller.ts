import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req, UseFilters, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { BUILTIN_KINDS } from '@jetjobs/contracts';
import { Actor } from '../../auth/actor.decorator';
import { AuthGuard } from '../../auth/auth.guard';
import { RequireScopes } from '../../auth/require-scopes.decorator';
import { JobIdPipe } from '../../jobs/job-id.pipe';
import { SubmitRateLimitGuard } from '../../rate-limits/submit-rate-limit.guard';
import { RegistryClient } from '../../registry/registry-client';
import { findModerationJob } from './find-moderation-job';
import { ModerationErrorFilter } from './moderation-error.filter';
import { canonicalStatuses, moderationStatus, toModerationJobJson } from '@jetjobs/dialects';
import { DEFAULT_MODERATION_PAGE, listModerationJobsQuerySchema } from './moderation-requests';
import { ModerationSubmissions } from './moderation-submissions';
import { JobViews } from '../../live-events/job-views';

/** The moderation API (`seeds/moderation-progress.txt`): submit, status and list. */
@Controller('api/v1')
@UseGuards(AuthGuard)
@UseFilters(ModerationErrorFilter)
export class ModerationController {
  constructor(
    private readonly views: JobViews,
    private readonly registry: RegistryClient,
    private readonly submissions: ModerationSubmissions,
  ) {}

  @Post('moderate/video')
  @HttpCode(202)
  @RequireScopes('moderate:video')
  @UseGuards(SubmitRateLimitGuard)
  async submit(@Actor() actor: Actor, @Req() request: Request, @Headers('idempotency-key') key: string | undefined) {
    const job = await this.submissions.submit(actor, request, key);
    return { job_id: job.id, status: moderationStatus(job.status) };
  }

  @Get('job/:id')
  @RequireScopes('job:read')
  async job(@Actor() actor: Actor, @Param('id', JobIdPipe) jobId: string) {
    return toModerationJobJson(await findModerationJob(this.views, actor, jobId));
  }

  /** Newest first, `total` counting every match; a modality other than video has no jobs here. */
  @Get('jobs')
  @RequireScopes('job:read')
  async list(@Actor() actor: Actor, @Query() query: Record<string, unknown>) {
    // `type=&decision=` means no filter, as in the original's examples.
    const q = listModerationJobsQuerySchema.parse(Object.fromEntries(Object.entries(query).filter(([, value]) => value !== '')));
    const limit = q.limit ?? DEFAULT_MODERATION_PAGE;
    const offset = q.offset ?? 0;
    if (q.type !== undefined && q.type !== 'video') return { jobs: [], total: 0, limit, offset };
    const page = await this.registry.send('jobs', {
      actor,
      kind: BUILTIN_KINDS.moderation,
      statuses: q.status ? [...new Set(q.status.flatMap(canonicalStatuses))] : null,
      createdFrom: q.from ?? null,
      createdTo: q.to ?? null,
      limit,
      cursor: null,
      offset,
      decision: q.decision ?? null,
    });
    return { jobs: page.items.map(toModerationJobJson), total: page.total, limit, offset };
  }
}
