// The services `npm start` runs, in start order. Each is started only when its
// apps/<name>/dist/main.js exists, so workers join as soon as they are built.
//   env(ctx)  variables for this service on top of the shared ones (NATS_URL, JETJOBS_NAMESPACE,
//             JETJOBS_DATA_DIR); ctx = { databaseUrl, gatewayPort }
//   metricsPortVar  the variable of its /metrics + health server, given a free port (lib/metrics-ports.mjs)
//   ready     how to tell it is up: { http: { port(ctx), path } } or { natsHealth(namespace) } (a
//             request/reply subject it answers); none for workers, which only consume work
export const SERVICES = [
  {
    name: 'job-registry',
    env: ({ databaseUrl }) => ({ DATABASE_URL: databaseUrl }),
    metricsPortVar: 'JETJOBS_HTTP_PORT',
    ready: { natsHealth: (namespace) => `${namespace}.q.health` },
  },
  {
    name: 'gateway',
    env: ({ gatewayPort }) => ({ GATEWAY_PORT: String(gatewayPort) }),
    // The gateway's readiness includes a round trip to job-registry.
    ready: { http: { port: ({ gatewayPort }) => gatewayPort, path: '/readyz' } },
  },
  // Runs kind "echo": the one the README's curl example submits.
  { name: 'echo-worker', metricsPortVar: 'JETJOBS_METRICS_PORT' },
  { name: 'avf-inference', metricsPortVar: 'JETJOBS_METRICS_PORT' },
  { name: 'moderation', metricsPortVar: 'JETJOBS_METRICS_PORT' },
  { name: 'clipper', metricsPortVar: 'JETJOBS_METRICS_PORT' },
];
