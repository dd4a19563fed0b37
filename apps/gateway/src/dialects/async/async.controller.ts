import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CodedError } from '@jetjobs/contracts';
import { Actor } from '../../auth/actor.decorator';
import { AuthGuard } from '../../auth/auth.guard';
import { RequireScopes } from '../../auth/require-scopes.decorator';
import { JsonBodyGuard } from '../../jobs/json-body.guard';
import { SubmitRateLimitGuard } from '../../rate-limits/submit-rate-limit.guard';
import { AsyncAliases } from './async-aliases';
import { jobOutputJson } from './async-output';
import { asyncRequestBodySchema } from './async-requests';
import { asyncRoute, asyncService } from './async-services';
import { AsyncSubmissions } from './async-submissions';
import { JobViews } from '../../live-events/job-views';

/** The async request/output API (`seeds/async-output.txt`) under `/api/v1/services/<slug>`. */
@Controller('api/v1/services/:slug/async')
@UseGuards(AuthGuard)
export class AsyncController {
  constructor(
    private readonly views: JobViews,
    private readonly aliases: AsyncAliases,
    private readonly submissions: AsyncSubmissions,
  ) {}

  @Post()
  @HttpCode(201)
  @RequireScopes('async:write')
  @UseGuards(SubmitRateLimitGuard, JsonBodyGuard)
  async create(@Actor() actor: Actor, @Param('slug') slug: string, @Body() body: unknown) {
    const service = asyncService(slug);
    const { data, method, path } = asyncRequestBodySchema.parse(body ?? {});
    const route = asyncRoute(service, method, path);
    return { id: await this.submissions.submit(actor, service, route, data) };
  }

  @Get(':id/output')
  @RequireScopes('job:read')
  async output(@Actor() actor: Actor, @Param('slug') slug: string, @Param('id') id: string) {
    const service = asyncService(slug);
    const jobId = await this.aliases.resolve(actor.projectId, service.slug, id);
    if (jobId === null) throw new CodedError('not_found', `No request ${id.slice(0, 64)} on service ${service.slug}`);
    return jobOutputJson(await this.views.get(actor, jobId));
  }
}
