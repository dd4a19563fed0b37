import { Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { signStreamToken } from '@jetjobs/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { JobIdPipe } from '../jobs/job-id.pipe';
import { Actor } from './actor.decorator';
import { AuthGuard } from './auth.guard';
import { JWT_SECRET } from './jwt-secret.provider';
import { RequireScopes } from './require-scopes.decorator';
import { JobViews } from '../live-events/job-views';

/**
 * Hands out the short-lived `?access_token=` for one job's event streams, for browsers whose
 * EventSource cannot send an Authorization header. Only for a job the caller can read itself.
 */
@Controller('v1/jobs')
@UseGuards(AuthGuard)
export class StreamTokenController {
  constructor(
    private readonly views: JobViews,
    @Inject(JWT_SECRET) private readonly secret: string,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post(':id/stream-token')
  @HttpCode(200)
  @RequireScopes('job:read')
  async issue(@Actor() actor: Actor, @Param('id', JobIdPipe) jobId: string) {
    // Another project's job, or none: job_not_found (404) before any token exists.
    await this.views.get(actor, jobId);
    const ttlSeconds = this.config.JETJOBS_STREAM_TOKEN_TTL_S;
    const token = signStreamToken({ secret: this.secret, projectId: actor.projectId, subject: actor.subject, jobId, ttlSeconds });
    return { token, expires_in: ttlSeconds };
  }
}
