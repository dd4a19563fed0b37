import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res, UseGuards, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Response } from 'express';
import { EventStore, filterSubject } from '@jetjobs/event-store';
import { Actor } from '../auth/actor.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { parseLastEventId } from '../job-events/last-event-id';
import { JobIdPipe } from '../jobs/job-id.pipe';
import { toJobJson } from '@jetjobs/dialects';
import { JsonBodyGuard } from '../jobs/json-body.guard';
import { RegistryClient } from '../registry/registry-client';
import { readEventPage, streamEvents } from './admin-event-feed';
import { adminEventsQuerySchema, redriveBodySchema, toEventQuery } from './admin-requests';

/**
 * Operator routes, for tools that speak HTTP rather than run the CLI: every project's events,
 * and redrives. The `admin` scope only.
 */
@Controller('v1/admin')
@UseGuards(AuthGuard)
@RequireScopes('admin')
export class AdminController implements BeforeApplicationShutdown {
  private readonly stopping = new AbortController();

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    private readonly registry: RegistryClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** A page of JSON, or with `follow=true` an SSE stream; filters are checked before the first byte. */
  @Get('events')
  async events(@Query() raw: unknown, @Headers('last-event-id') lastEventId: string | undefined, @Res() response: Response): Promise<void> {
    const request = adminEventsQuerySchema.parse(raw);
    const query = toEventQuery(request, lastEventId === undefined ? null : parseLastEventId(lastEventId));
    filterSubject(this.store.names, query);
    if (!query.follow) {
      response.json(await readEventPage(this.store, query, query.limit));
      return;
    }
    await streamEvents(this.store, query, response, this.config.JETJOBS_SSE_KEEPALIVE_MS, this.stopping.signal);
  }

  /** Runs a failed or cancelled job of any project again, as its next attempt; records who and why. */
  @Post('jobs/:id/redrive')
  @HttpCode(200)
  @UseGuards(JsonBodyGuard)
  async redrive(@Actor() actor: Actor, @Param('id', JobIdPipe) jobId: string, @Body() body: unknown) {
    const { reason } = redriveBodySchema.parse(body ?? {});
    const job = await this.registry.send('redrive', { jobId, requestedBy: actor.subject, reason, correlationId: randomUUID() });
    return { ...toJobJson(job), project_id: job.projectId };
  }

  /** Open streams would hold the HTTP server open; their clients resume with Last-Event-ID. */
  beforeApplicationShutdown(): void {
    this.stopping.abort();
  }
}
