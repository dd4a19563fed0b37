import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestJsonLogger, rootLogger } from '@jetjobs/telemetry';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { GatewayConfig } from './config/gateway-config';
import { answerClientErrors } from './errors/client-error.handler';
import { refuseDeepJson } from './errors/json-depth-limit';
import { GatewayModule } from './gateway.module';
import { GatewayMetrics } from './metrics/gateway-metrics';
import { httpMetrics } from './metrics/http-metrics';
import { JSON_MEDIA_TYPES } from './jobs/json-body.guard';
import type { MonotonicClock } from './rate-limits/submit-rate-limit.provider';
import { RequestTelemetryInterceptor } from './telemetry/request-telemetry.interceptor';
import { requestTelemetry } from './telemetry/request-telemetry.middleware';

export interface GatewayAppOptions {
  readonly logger?: LogLevel[] | false;
  /** The clock of the submit rate limits (monotonic milliseconds); tests move their own. */
  readonly clock?: MonotonicClock;
}

/**
 * Builds the gateway, not yet listening: `main.ts` listens on the configured port, tests on port 0.
 * Only JSON bodies are parsed, up to the configured limit; anything else is refused by the routes.
 */
export async function createGatewayApp(config: GatewayConfig, options: GatewayAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config, options.clock), {
    bodyParser: false,
    // Nest's own messages as JSON lines, like every other line of the service.
    logger: options.logger ?? new NestJsonLogger(rootLogger()),
  });
  // First, so that even a request the body parser refuses gets a request id and an access line.
  app.use(requestTelemetry());
  // Next, so that every request is counted, a refused body included (docs/observability.md).
  app.use(httpMetrics(app.get(GatewayMetrics)));
  app.useGlobalInterceptors(new RequestTelemetryInterceptor());
  // Nest keeps `verify` out of the option type for its rawBody capture, which the gateway does not
  // use (it then passes the option through to body-parser): hence the options object apart.
  const jsonOptions = { limit: config.JETJOBS_BODY_LIMIT_BYTES, type: JSON_MEDIA_TYPES, verify: refuseDeepJson(config.JETJOBS_JSON_MAX_DEPTH) };
  app.useBodyParser('json', jsonOptions);
  app.disable('x-powered-by');
  answerClientErrors(app.getHttpServer());
  return app;
}
