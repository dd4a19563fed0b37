import { Controller, Get, Inject, Query, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Response } from 'express';
import type { JobEvent } from '@jetjobs/contracts';
import { JWT_SECRET } from '../auth/jwt-secret.provider';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { toSseEventJson } from '../job-events/sse-event-json';
import { SseWriter } from '../job-events/sse-writer';
import { LiveEventHub } from '../live-events/live-event-hub';
import { feedQuerySchema } from './console-requests';
import { verifyFeedToken } from './feed-token';
import { statusAfter } from './status-after';

/**
 * The console's live feed: every change to the jobs a feed token may read, as SSE, straight from
 * this gateway's one live consumer (no database reads, however many consoles are open). Only a
 * feed token opens it — never the user's own credential, which must not sit in a URL.
 * An `event: reset` tells the console the feed may have missed events: it reloads what it shows.
 */
@Controller('v1/console')
export class ConsoleFeedController implements BeforeApplicationShutdown {
  private readonly open = new Set<SseWriter>();

  constructor(
    private readonly hub: LiveEventHub,
    @Inject(JWT_SECRET) private readonly secret: string,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('feed')
  feed(@Query() raw: unknown, @Res() response: Response): void {
    const query = feedQuerySchema.parse(raw);
    const grant = verifyFeedToken(this.secret, query.access_token);
    const writer = new SseWriter(response);
    const wanted = (event: JobEvent) =>
      (grant.projectId === null || event.metadata.projectId === grant.projectId) && (query.job === undefined || event.metadata.jobId === query.job);
    const stop = this.hub.observe({
      event: (event) => {
        if (!wanted(event)) return;
        const json = { ...toSseEventJson(event, { revealWorker: grant.projectId === null }), kind: event.metadata.kind, project_id: event.metadata.projectId };
        // Unnamed, so that EventSource's onmessage gets every type; the type is in the data.
        writer.data({ ...json, status: statusAfter(event) });
      },
      reset: () => writer.named('reset', {}),
    });
    this.open.add(writer);
    writer.onClose(() => {
      stop();
      this.open.delete(writer);
    });
    writer.open(this.config.JETJOBS_SSE_KEEPALIVE_MS);
    writer.named('ready', {});
  }

  /** Open feeds would hold the HTTP server open; EventSource reconnects on its own. */
  beforeApplicationShutdown(): void {
    for (const writer of this.open) writer.end();
    this.open.clear();
  }
}
