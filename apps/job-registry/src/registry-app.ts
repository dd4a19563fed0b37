import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { INestMicroservice, LogLevel } from '@nestjs/common';
import { names } from '@jetjobs/contracts';
import { natsSecurity } from '@jetjobs/event-store';
import { NestJsonLogger, rootLogger } from '@jetjobs/telemetry';
import { RegistryModule, type RegistryModuleOptions } from './registry.module';
import { RpcTelemetryInterceptor } from './rpc/rpc-telemetry.interceptor';

/**
 * Builds the registry: request/reply on core NATS with a queue group (so replicas share the
 * load), plus the background consumers. Call `listen()` to start serving.
 */
export async function createRegistryApp(options: RegistryModuleOptions & { logger?: LogLevel[] | false }): Promise<INestMicroservice> {
  const { config } = options;
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(RegistryModule.register(options), {
    transport: Transport.NATS,
    options: {
      servers: config.NATS_URL.split(','),
      queue: names(config.JETJOBS_NAMESPACE).registryQueueGroup,
      name: 'job-registry-rpc',
      ...natsSecurity(),
      maxReconnectAttempts: -1,
      // No Error with a captured stack per request: see connectNats.
      noAsyncTraces: true,
      gracefulShutdown: true,
      // Unsubscribe first, then give in-flight requests a moment; the default of 10 s only delays restarts.
      gracePeriod: 1_000,
    },
    // Nest's own messages as JSON lines, like every other line of the service.
    logger: options.logger ?? new NestJsonLogger(rootLogger()),
  });
  app.useGlobalInterceptors(new RpcTelemetryInterceptor());
  return app;
}
