import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { CodedError } from '@jetjobs/contracts';
import { toJobJson } from '@jetjobs/dialects';
import { EventStore } from '@jetjobs/event-store';
import { isAbsent } from '@jetjobs/job-domain';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthenticatedRequest, Principal } from '../auth/authenticated-request';
import { JWT_SECRET } from '../auth/jwt-secret.provider';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { JobIdPipe } from '../jobs/job-id.pipe';
import { RegistryClient } from '../registry/registry-client';
import { readableProject } from './console-reader';
import { consoleJobsQuerySchema, toConsoleJobsPayload } from './console-requests';
import { consoleRole } from './console-role';
import { signFeedToken } from './feed-token';
import { jobTimeline } from './job-timeline';

/**
 * The console's reads for tenants and operators alike: who the caller is, the job list and
 * search, one job with its timeline, and the token for the live feed. A tenant sees its own
 * project only (another project's job is a 404); operators see every project.
 */
@Controller('v1/console')
@UseGuards(AuthGuard)
export class ConsoleApiController {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    private readonly registry: RegistryClient,
    @Inject(JWT_SECRET) private readonly secret: string,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('me')
  me(@Req() request: AuthenticatedRequest) {
    const principal = principalOf(request);
    const role = consoleRole(principal);
    return {
      project_id: principal.projectId,
      subject: principal.subject,
      scopes: [...principal.scopes].sort(),
      operator: role.operator,
      can_act: role.canAct,
      namespace: this.config.JETJOBS_NAMESPACE,
    };
  }

  @Get('jobs')
  async jobs(@Req() request: AuthenticatedRequest, @Query() raw: unknown) {
    const query = consoleJobsQuerySchema.parse(raw);
    const projectId = readableProject(principalOf(request), query.project);
    const page = await this.registry.send('console-jobs', toConsoleJobsPayload(query, projectId));
    return { items: page.items.map((job) => ({ ...toJobJson(job), project_id: job.projectId })), next_cursor: page.nextCursor };
  }

  /** The job and every event, each with the state it left, read from the stream (always current). */
  @Get('jobs/:id')
  async job(@Req() request: AuthenticatedRequest, @Param('id', JobIdPipe) jobId: string) {
    const principal = principalOf(request);
    const projectId = readableProject(principal, undefined);
    const loaded = await this.store.load(jobId);
    if (isAbsent(loaded.state) || (projectId !== null && loaded.state.projectId !== projectId)) {
      throw new CodedError('job_not_found', `Job ${jobId} not found`);
    }
    const events = loaded.events.map((stored) => stored.event);
    return {
      job: { ...toJobJson(loaded.state), project_id: loaded.state.projectId },
      events: jobTimeline(events, { revealWorker: projectId === null }),
    };
  }

  /** A short-lived, read-only token for `GET /v1/console/feed`, bound to the caller's project (operators: all). */
  @Post('feed-token')
  @HttpCode(200)
  feedToken(@Req() request: AuthenticatedRequest) {
    const principal = principalOf(request);
    const projectId = readableProject(principal, undefined);
    const ttlSeconds = this.config.JETJOBS_STREAM_TOKEN_TTL_S;
    const expiresAt = Math.floor(Date.now() / 1000) + ttlSeconds;
    return { token: signFeedToken(this.secret, { projectId, subject: principal.subject, expiresAt }), expires_in: ttlSeconds };
  }
}

function principalOf(request: AuthenticatedRequest): Principal {
  if (!request.principal) throw new CodedError('unauthorized', 'Not authenticated');
  return request.principal;
}
