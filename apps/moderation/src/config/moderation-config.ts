import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { ConfigError, count, httpUrl, loadConfig, milliseconds, natsEnv, workerLimitsEnv, sourceFetchEnv } from '@jetjobs/config';
import { mediaLimitsOf } from '@jetjobs/worker-runtime';
import { LOCAL_MODELS } from '../classifiers/local-models';
import { parseThresholds } from './thresholds';
import type { ModerationSettings } from '../moderation.handler';

export const BACKENDS = ['local', 'openai', 'kserve'] as const;


/** Every variable the moderation worker reads, with its default. */
export const moderationEnv = {
  ...natsEnv,
  // Two hours of up to 60 fps video; an hour per attempt covers 7,200 samples at ~0.1 s each.
  ...workerLimitsEnv({ maxDurationS: 2 * 3600, maxFrames: 2 * 3600 * 60, attemptDeadlineMs: 3_600_000, toolCpuS: 2 * 3600 }),
  WORKER_CONCURRENCY: count(1, 64, 1),
  MODERATION_BACKEND: z.enum(BACKENDS).default('local'),
  MODERATION_LOCAL_MODEL: z.enum(LOCAL_MODELS).default('MobileNetV2'),
  MODERATION_LOCAL_THREADS: count(1, 64, Math.min(2, availableParallelism())),
  MODERATION_SAMPLE_INTERVAL_S: z.coerce.number().min(0.04).max(3600).default(1),
  MODERATION_SCENE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.1),
  MODERATION_MIN_SCENE_S: z.coerce.number().min(0).default(1),
  MODERATION_THRESHOLDS: z
    .string()
    .default('')
    .transform((text, context) => {
      try {
        return parseThresholds(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
  MODERATION_PERSISTENCE: count(1, 1000, 2),
  MODERATION_MAX_EVIDENCE: count(1, 1000, 20),
  ...sourceFetchEnv,
  MODERATION_MAX_DOWNLOAD_BYTES: z.coerce.number().int().positive().default(300 * 1024 ** 2),
  MODERATION_DOWNLOAD_TIMEOUT_MS: milliseconds(5 * 60_000),
  MODERATION_OPENAI_URL: httpUrl(),
  MODERATION_OPENAI_API_KEY: z.string().min(1).optional(),
  MODERATION_OPENAI_MODEL: z.string().min(1).default('omni-moderation-latest'),
  MODERATION_OPENAI_IMAGES_PER_REQUEST: count(1, 32, 1),
  MODERATION_KSERVE_URL: httpUrl(),
  MODERATION_KSERVE_MODEL: z.string().regex(/^[\w.-]+$/, 'letters, digits, ".", "_" or "-"').optional(),
  MODERATION_KSERVE_LABELS: z.string().default('drawing,hentai,neutral,porn,sexy').transform((text) => text.split(',').map((label) => label.trim().toLowerCase())),
  MODERATION_BATCH_SIZE: count(1, 256, 8),
  MODERATION_CONCURRENCY: count(1, 64, 4),
  MODERATION_REQUESTS_PER_MINUTE: count(1, 1_000_000, 600),
  MODERATION_REQUEST_TIMEOUT_MS: milliseconds(30_000),
  MODERATION_REQUEST_RETRIES: count(0, 10, 3),
} as const;

export type ModerationConfig = z.infer<z.ZodObject<typeof moderationEnv>>;

/**
 * Reads and checks the environment once, at start-up. Problems come back together, each with
 * the variable it concerns, including those that depend on the chosen backend.
 */
export function loadModerationConfig(env: NodeJS.ProcessEnv = process.env): ModerationConfig {
  let config: ModerationConfig | null = null;
  const problems: string[] = [];
  try {
    config = loadConfig(moderationEnv, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  problems.push(...backendProblems(env));
  if (problems.length > 0 || config === null) throw new ConfigError(problems);
  return config;
}

/** What the chosen backend needs; a value present but malformed is the schema's to report. */
function backendProblems(env: NodeJS.ProcessEnv): string[] {
  const backend = env['MODERATION_BACKEND'] ?? 'local';
  const missing = (name: string) => env[name] === undefined || env[name] === '';
  const problems: string[] = [];
  if (backend === 'openai' && missing('MODERATION_OPENAI_URL')) {
    problems.push('MODERATION_OPENAI_URL: required when MODERATION_BACKEND=openai (e.g. https://api.openai.com)');
  }
  if (backend === 'kserve') {
    if (missing('MODERATION_KSERVE_URL')) problems.push('MODERATION_KSERVE_URL: required when MODERATION_BACKEND=kserve');
    if (missing('MODERATION_KSERVE_MODEL')) problems.push('MODERATION_KSERVE_MODEL: required when MODERATION_BACKEND=kserve');
  }
  return problems;
}

/** The pipeline's settings, from the validated configuration. */
export function moderationSettings(config: ModerationConfig): ModerationSettings {
  return {
    sampling: { intervalS: config.MODERATION_SAMPLE_INTERVAL_S, sceneThreshold: config.MODERATION_SCENE_THRESHOLD, minSceneS: config.MODERATION_MIN_SCENE_S },
    rule: { thresholds: config.MODERATION_THRESHOLDS, minIntervalSamples: config.MODERATION_PERSISTENCE },
    maxEvidence: config.MODERATION_MAX_EVIDENCE,
    limits: mediaLimitsOf(config),
    download: {
      allowlist: config.JETJOBS_SOURCE_URL_ALLOWLIST, maxBytes: config.MODERATION_MAX_DOWNLOAD_BYTES,
      timeoutMs: config.MODERATION_DOWNLOAD_TIMEOUT_MS, idleTimeoutMs: config.JETJOBS_SOURCE_IDLE_TIMEOUT_MS,
    },
  };
}
