import { Global, Module } from '@nestjs/common';
import { GatewayMetrics } from './gateway-metrics';
import { MetricsController } from './metrics.controller';

/**
 * `GET /metrics`, and the gateway's metrics for any feature to count into (global). Requests
 * are counted by `httpMetrics`, which `createGatewayApp` installs with `app.use`.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [GatewayMetrics],
  exports: [GatewayMetrics],
})
export class MetricsModule {}
