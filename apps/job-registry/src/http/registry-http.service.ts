import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { startMetricsServer, type MetricsServer } from '@jetjobs/metrics';
import { RegistryMetrics } from '../metrics/registry-metrics';
import { REGISTRY_CONFIG, type RegistryConfig } from '../registry-config';
import { RegistryReadiness } from './registry-readiness';

/**
 * The registry's HTTP server, on `JETJOBS_HTTP_PORT` (none when unset): `/metrics`, `/healthz`
 * and `/readyz`. The registry's API is NATS request/reply; HTTP is for Prometheus and probes.
 */
@Injectable()
export class RegistryHttpService implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: MetricsServer | null = null;

  constructor(
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
    private readonly metrics: RegistryMetrics,
    private readonly readiness: RegistryReadiness,
  ) {}

  /** Where it listens, or null when no port is configured. */
  get url(): string | null {
    return this.server?.url ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.JETJOBS_HTTP_PORT;
    if (port === undefined) return;
    this.server = await startMetricsServer({ port, registry: this.metrics.registry, ready: () => this.readiness.check() });
    new Logger('RegistryHttp').log(`Metrics and health on ${this.server.url}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
