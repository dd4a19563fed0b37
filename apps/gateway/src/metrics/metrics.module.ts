import { Global, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { GatewayMetrics } from './gateway-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';

/** `GET /metrics` and the counting of every request; global, so any feature can count into it. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [GatewayMetrics],
  exports: [GatewayMetrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
