import { z } from 'zod';

// An empty variable means "not set", as in a compose file's `JETJOBS_METRICS_PORT: ""`.
const optionalPort = z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(0).max(65_535).optional());

/** Workers: the port of the small HTTP server with /metrics, /healthz and /readyz; unset: none. */
export const metricsPortEnv = { JETJOBS_METRICS_PORT: optionalPort } as const;

/** job-registry: the port of its HTTP server (/metrics, /healthz, /readyz); unset: none. */
export const httpPortEnv = { JETJOBS_HTTP_PORT: optionalPort } as const;
