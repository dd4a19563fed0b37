import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventStoreModule } from '@jetjobs/event-store-nest';
import { AuthModule } from './auth/auth.module';
import { GatewayConfigModule } from './config/gateway-config.module';
import type { GatewayConfig } from './config/gateway-config';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { HealthModule } from './health/health.module';
import { JobEventsModule } from './job-events/job-events.module';
import { JobsModule } from './jobs/jobs.module';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        GatewayConfigModule.forRoot(config),
        EventStoreModule.forRoot({
          natsUrl: config.NATS_URL,
          namespace: config.JETJOBS_NAMESPACE,
          connectionName: 'gateway',
          eventMaxAgeMs: config.JETJOBS_EVENT_MAX_AGE_MS,
          isGlobal: true,
        }),
        AuthModule,
        HealthModule,
        JobsModule,
        JobEventsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
