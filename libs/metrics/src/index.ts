export { createMetricsRegistry, type Registry } from './metrics-registry';
export { BoundedLabel } from './bounded-label';
export { cachedSample } from './cached-sample';
export { metricsPortEnv, httpPortEnv } from './metrics-env';
export { JobMetrics, submittedJobsCounter, QUEUE_SECONDS_BUCKETS, RUN_SECONDS_BUCKETS } from './job-metrics';
export { registerBacklogGauges, type ConsumerBacklog } from './backlog-gauges';
export { startMetricsServer, type MetricsServer, type MetricsServerOptions } from './metrics-server';
