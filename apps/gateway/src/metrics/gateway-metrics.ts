import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { BoundedLabel, createMetricsRegistry, submittedJobsCounter, type Registry } from '@jetjobs/metrics';
import type { ApiName } from './api-of-path';

/** Request latencies: most answers take milliseconds, an upload may take minutes. */
const REQUEST_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120];

/**
 * The gateway's metrics: its HTTP traffic by route template (never the raw URL, which holds job
 * ids), the jobs it accepted by API, and its open event streams. One registry per gateway
 * instance, served at `GET /metrics`.
 */
@Injectable()
export class GatewayMetrics {
  readonly registry: Registry = createMetricsRegistry();
  /** The API of the request being handled, for code deep in a request that does not see it. */
  readonly requestApi = new AsyncLocalStorage<ApiName>();
  readonly requests = new Counter({ name: 'jetjobs_http_requests_total', help: 'HTTP requests answered, by route template, method and status', labelNames: ['route', 'method', 'status'], registers: [this.registry] });
  readonly requestSeconds = new Histogram({ name: 'jetjobs_http_request_seconds', help: 'Seconds to answer an HTTP request, by route template (event streams excluded)', labelNames: ['route'], buckets: REQUEST_SECONDS_BUCKETS, registers: [this.registry] });
  readonly rateLimited = new Counter({ name: 'jetjobs_rate_limited_total', help: 'Requests refused with 429, by route template', labelNames: ['route'], registers: [this.registry] });
  readonly sseConnections = new Gauge({ name: 'jetjobs_sse_connections', help: 'Server-Sent Event streams open now, by API', labelNames: ['api'], registers: [this.registry] });
  private readonly submitted = submittedJobsCounter(this.registry);
  private readonly kinds = new BoundedLabel();

  /** A job this gateway's registry call created (an idempotent replay is not a new job). */
  countSubmitted(kind: string): void {
    this.submitted.inc({ kind: this.kinds.of(kind), api: this.requestApi.getStore() ?? 'native' });
  }
}
