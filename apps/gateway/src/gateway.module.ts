import { performance } from 'node:perf_hooks';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventStoreModule } from '@jetjobs/event-store-nest';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { ConsoleModule } from './console/console.module';
import { GatewayConfigModule } from './config/gateway-config.module';
import type { GatewayConfig } from './config/gateway-config';
import { AvfModule } from './dialects/avf/avf.module';
import { ClipperModule } from './dialects/clipper/clipper.module';
import { ModerationModule } from './dialects/moderation/moderation.module';
import { AsyncModule } from './dialects/async/async.module';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { HealthModule } from './health/health.module';
import { JobEventsModule } from './job-events/job-events.module';
import { JobsModule } from './jobs/jobs.module';
import { MediaModule } from './media/media.module';
import { MetricsModule } from './metrics/metrics.module';
import { OpenApiModule } from './openapi/openapi.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import type { MonotonicClock } from './rate-limits/submit-rate-limit.provider';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, clock: MonotonicClock = () => performance.now()): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        GatewayConfigModule.forRoot(config),
        EventStoreModule.forRoot({
          natsUrl: config.NATS_URL,
          namespace: config.JETJOBS_NAMESPACE,
          connectionName: 'gateway',
          eventMaxAgeMs: config.JETJOBS_EVENT_MAX_AGE_MS,
          replicas: config.JETJOBS_STREAM_REPLICAS,
          manageStreams: config.JETJOBS_MANAGE_STREAMS,
          isGlobal: true,
        }),
        MetricsModule,
        AuthModule,
        RateLimitsModule.forRoot(clock),
        HealthModule,
        JobsModule,
        JobEventsModule,
        AvfModule,
        ClipperModule,
        MediaModule,
        WebhooksModule,
        OpenApiModule,
        ModerationModule,
        AsyncModule,
        AdminModule,
        ConsoleModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
