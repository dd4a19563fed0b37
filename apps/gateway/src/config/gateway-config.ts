import { z } from 'zod';
import { loadConfig, milliseconds, natsEnv } from '@jetjobs/config';

const gatewayEnv = {
  NATS_URL: natsEnv.NATS_URL,
  JETJOBS_NAMESPACE: natsEnv.JETJOBS_NAMESPACE,
  JETJOBS_EVENT_MAX_AGE_MS: natsEnv.JETJOBS_EVENT_MAX_AGE_MS,
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  GATEWAY_HOST: z.string().min(1).default('0.0.0.0'),
  /** HS256 secret; without it a development secret is kept in JETJOBS_DATA_DIR. */
  JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  JETJOBS_DATA_DIR: z.string().min(1).optional(),
  JETJOBS_SSE_KEEPALIVE_MS: milliseconds(15_000),
  JETJOBS_REGISTRY_TIMEOUT_MS: milliseconds(5_000),
  JETJOBS_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/** Reads and validates the gateway's environment; throws a ConfigError listing every problem. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(gatewayEnv, env);
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
