import { preferredPort } from './net.mjs';

// Prometheus's conventional range for exporters: the registry gets 9464, workers the next ones.
const FIRST_PORT = 9464;

/**
 * The variable that gives a service its /metrics, /healthz and /readyz server, set to a port of
 * its own: the services of `npm start` share one machine, so they cannot share a port
 * (docs/observability.md). A port the user set is kept only when one service alone reads that
 * variable (JETJOBS_HTTP_PORT, the registry's); every worker reads JETJOBS_METRICS_PORT, so
 * each gets a free port. Nothing for the gateway, which serves /metrics on its own port.
 */
export async function metricsPortEnv(services, index, env = process.env) {
  const variable = services[index].metricsPortVar;
  if (!variable) return {};
  const alone = services.filter((s) => s.metricsPortVar === variable).length === 1;
  const port = (alone && env[variable]) || String(await preferredPort(FIRST_PORT + index));
  return { [variable]: port };
}
