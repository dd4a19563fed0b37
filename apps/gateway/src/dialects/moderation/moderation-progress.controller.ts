import { Controller, Get, Inject, Param, Res, UseFilters, UseGuards, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Response } from 'express';
import { Actor } from '../../auth/actor.decorator';
import { AuthGuard } from '../../auth/auth.guard';
import { AllowQueryToken, RequireScopes } from '../../auth/require-scopes.decorator';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/gateway-config';
import { JobIdPipe } from '../../jobs/job-id.pipe';
import { LiveEventHub } from '../../live-events/live-event-hub';
import { SseSlotGuard } from '../../rate-limits/stream-slot.guard';
import { findModerationJob } from './find-moderation-job';
import { ModerationErrorFilter } from './moderation-error.filter';
import { ModerationProgressStream } from './moderation-progress-stream';
import { SseWriter } from '../../job-events/sse-writer';
import { JobViews } from '../../live-events/job-views';

@Controller('api/v1/job')
@UseGuards(AuthGuard)
@UseFilters(ModerationErrorFilter)
export class ModerationProgressController implements BeforeApplicationShutdown {
  private readonly open = new Set<ModerationProgressStream>();

  constructor(
    private readonly views: JobViews,
    private readonly hub: LiveEventHub,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * `GET /api/v1/job/:id/progress`. Authentication and the job's existence are settled before the
   * first byte, so a failure is a JSON error with its status, not a message inside a stream.
   */
  @Get(':id/progress')
  @RequireScopes('job:read')
  @AllowQueryToken()
  @UseGuards(SseSlotGuard)
  async progress(@Actor() actor: Actor, @Param('id', JobIdPipe) jobId: string, @Res() response: Response): Promise<void> {
    const read = () => findModerationJob(this.views, actor, jobId);
    const stream = new ModerationProgressStream(new SseWriter(response), read);
    stream.listen((listener) => this.hub.subscribe(jobId, listener));
    this.open.add(stream);
    response.on('close', () => this.open.delete(stream));
    try {
      stream.start(await read(), this.config.JETJOBS_SSE_KEEPALIVE_MS);
    } catch (error) {
      stream.abandon();
      this.open.delete(stream);
      throw error;
    }
  }

  /** Open streams would hold the HTTP server open on shutdown; clients reconnect elsewhere. */
  beforeApplicationShutdown(): void {
    for (const stream of this.open) stream.finish();
    this.open.clear();
  }

  /** Streams still open (tests and metrics). */
  get openStreams(): number {
    return this.open.size;
  }
}
