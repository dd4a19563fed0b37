import { loadConfig } from '@jetjobs/config';
import type { EventStore } from '@jetjobs/event-store';
import { metricsPortEnv, startMetricsServer, type MetricsServer, type Registry } from '@jetjobs/metrics';

/**
 * The port of a worker's /metrics, /healthz and /readyz server: the one given, else
 * `JETJOBS_METRICS_PORT`, validated like every other variable; none when neither is set.
 */
export function metricsPortOf(given: number | null | undefined): number | null {
  if (given !== undefined) return given;
  return loadConfig(metricsPortEnv).JETJOBS_METRICS_PORT ?? null;
}

/**
 * Serves the worker's metrics and health. Ready means it can take work: NATS answers a round
 * trip and the kind's work consumer exists (a consumer deleted by an operator, or a server
 * restarted without its state, leaves the pull loops waiting on nothing).
 */
export function serveWorkerObservability(store: EventStore, kind: string, port: number, registry: Registry): Promise<MetricsServer> {
  return startMetricsServer({
    port,
    registry,
    ready: async () => {
      if (store.nc.isClosed()) throw new Error('NATS connection is closed');
      await store.nc.flush().catch(() => Promise.reject(new Error('NATS is not connected')));
      await store.jsm.consumers
        .info(store.names.workStream, store.names.workConsumer(kind))
        .catch((error: unknown) => Promise.reject(new Error(`work consumer ${store.names.workConsumer(kind)} is not bound: ${String(error)}`)));
    },
  });
}
