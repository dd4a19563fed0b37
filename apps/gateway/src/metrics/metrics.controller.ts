import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { GatewayMetrics } from './gateway-metrics';

/**
 * Prometheus scrapes this gateway here, unauthenticated like the health probes: keep the path
 * off the public edge (docs/observability.md).
 */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: GatewayMetrics) {}

  @Get('metrics')
  @Header('cache-control', 'no-store')
  async metricsText(@Res() response: Response): Promise<void> {
    const text = await this.metrics.registry.metrics();
    response.status(200).type(this.metrics.registry.contentType).send(text);
  }
}
