import { Controller, Get, Headers, Inject, Param, Query, Res, UseGuards, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Response } from 'express';
import { Actor } from '../auth/actor.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { AllowQueryToken, RequireScopes } from '../auth/require-scopes.decorator';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { JobIdPipe } from '../jobs/job-id.pipe';
import { LiveEventHub } from '../live-events/live-event-hub';
import { SseSlotGuard } from '../rate-limits/stream-slot.guard';
import { JobEventSources } from './job-event-source';
import { JobEventStream, type EventsSnapshot } from './job-event-stream';
import { parseLastEventId } from './last-event-id';
import { SseWriter } from './sse-writer';

@Controller('v1/jobs')
@UseGuards(AuthGuard)
export class JobEventsController implements BeforeApplicationShutdown {
  private readonly open = new Set<JobEventStream>();

  constructor(
    private readonly hub: LiveEventHub,
    private readonly sources: JobEventSources,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * Authentication, the resume point and the job's existence are settled before the first byte,
   * so each failure is a plain JSON error with its status rather than a message inside a stream.
   */
  @Get(':id/events')
  @RequireScopes('job:read')
  @AllowQueryToken()
  @UseGuards(SseSlotGuard)
  async events(
    @Actor() actor: Actor,
    @Param('id', JobIdPipe) jobId: string,
    @Headers('last-event-id') header: string | undefined,
    @Query('last_event_id') query: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const afterVersion = parseLastEventId(header ?? query);
    const source = this.sources.forJob(actor, jobId);
    const stream = new JobEventStream(new SseWriter(response), source, afterVersion);
    stream.listen((listener) => this.hub.subscribe(jobId, listener));
    this.open.add(stream);
    response.on('close', () => this.open.delete(stream));
    let snapshot: EventsSnapshot;
    try {
      snapshot = await source.eventsAfter(afterVersion);
    } catch (error) {
      stream.abandon();
      throw error;
    }
    await stream.start(snapshot, this.config.JETJOBS_SSE_KEEPALIVE_MS);
  }

  /** Open streams would hold the HTTP server open; their clients resume elsewhere with Last-Event-ID. */
  beforeApplicationShutdown(): void {
    for (const stream of this.open) stream.finish();
    this.open.clear();
  }
}
