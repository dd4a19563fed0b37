import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The metrics of one service instance, with Node's default process metrics (CPU, memory, event
 * loop lag, GC, handles). A registry per instance rather than prom-client's global one: tests
 * run a gateway, a registry and workers in one process, and each must report only its own.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export type { Registry };
