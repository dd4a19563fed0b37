import { z } from 'zod';
import { EVENT_MAX_JSON_DEPTH } from '@jetjobs/contracts';
import { ConfigError, count, loadConfig, milliseconds, natsEnv, sourceUrlEnv, webhookUrlEnv } from '@jetjobs/config';
import { authConfigProblems, authEnv } from '../auth/auth-env';
import { rateLimitEnv } from '../rate-limits/rate-limit-env';

const gatewayEnv = {
  NATS_URL: natsEnv.NATS_URL,
  JETJOBS_NAMESPACE: natsEnv.JETJOBS_NAMESPACE,
  JETJOBS_EVENT_MAX_AGE_MS: natsEnv.JETJOBS_EVENT_MAX_AGE_MS,
  JETJOBS_STREAM_REPLICAS: natsEnv.JETJOBS_STREAM_REPLICAS,
  JETJOBS_MANAGE_STREAMS: natsEnv.JETJOBS_MANAGE_STREAMS,
  GATEWAY_PORT: count(0, 65_535, 8080),
  GATEWAY_HOST: z.string().min(1).default('0.0.0.0'),
  /** HS256 secret; without it a development secret is kept in JETJOBS_DATA_DIR. */
  JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  JETJOBS_DATA_DIR: z.string().min(1).optional(),
  ...authEnv,
  ...rateLimitEnv,
  JETJOBS_SSE_KEEPALIVE_MS: milliseconds(15_000),
  JETJOBS_REGISTRY_TIMEOUT_MS: milliseconds(5_000),
  /** Jobs whose status this gateway keeps current from its live events (0: ask the registry every time). */
  JETJOBS_GATEWAY_JOB_CACHE: z.coerce.number().int().min(0).default(10_000),
  JETJOBS_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /**
   * Deepest nesting of arrays and objects in a JSON body; deeper is refused with 400. PostgreSQL's
   * jsonb parser stops at about 12,000 levels, and an event it cannot store stalls the projector.
   */
  JETJOBS_JSON_MAX_DEPTH: count(2, EVENT_MAX_JSON_DEPTH, 64),
  /** Largest uploaded video on APIs without a documented limit of their own (clipper). */
  JETJOBS_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(2 * 1024 ** 3),
  /**
   * A multipart upload that brings fewer than this many bytes per second over a whole
   * JETJOBS_UPLOAD_RATE_WINDOW_MS is cut off with 408, so that a trickling client cannot hold a
   * connection and its stored chunks for hours; 0 turns the check off.
   */
  JETJOBS_UPLOAD_MIN_BYTES_PER_S: z.coerce.number().int().min(0).default(1024),
  JETJOBS_UPLOAD_RATE_WINDOW_MS: milliseconds(30_000),
  /** Bytes of uploads one project may store at once (uploads go when their jobs end); 0: no quota. */
  JETJOBS_PROJECT_STORAGE_BYTES: z.coerce.number().int().min(0).default(20 * 1024 ** 3),
  /** The AVF API's documented upload limit, 100 MB. */
  JETJOBS_AVF_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(100 * 1024 ** 2),
  /** How long an AVF status stream stays open for a job that has not finished (documented: 5 minutes). */
  JETJOBS_AVF_SSE_TIMEOUT_MS: milliseconds(5 * 60_000),
  /** The clipper API is open in the original: when set, unauthenticated clipper calls act as this project. */
  JETJOBS_ANONYMOUS_CLIPPER_PROJECT: z.string().min(1).optional(),
  /** Internal hosts and networks video URL inputs may name, and, apart, those webhooks may reach. */
  ...sourceUrlEnv,
  ...webhookUrlEnv,
  /** The moderation API's documented video limit, 300 MB, for videos uploaded to it. */
  JETJOBS_MODERATION_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(300 * 1024 ** 2),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/** Reads and validates the gateway's environment; throws a ConfigError listing every problem. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(gatewayEnv, env);
  const problems = authConfigProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
