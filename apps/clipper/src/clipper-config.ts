import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { ConfigError, count, httpUrl, loadConfig, milliseconds, natsEnv, sourceFetchEnv, workerLimitsEnv } from '@jetjobs/config';

const usd = (fallback: number) => z.coerce.number().nonnegative().default(fallback);

/** Every variable the clipper reads, with its default. */
export const clipperEnv = {
  ...natsEnv,
  // Three hours of up to 60 fps video; recognition runs at ~0.2× real time on each core.
  ...workerLimitsEnv({ maxDurationS: 3 * 3600, maxFrames: 3 * 3600 * 60, attemptDeadlineMs: 3 * 3_600_000, toolCpuS: 4 * 3600 }),
  /** Each job already uses every core (parallel recognisers, x264 threads): one at a time. */
  WORKER_CONCURRENCY: count(1, 16, 1),
  ...sourceFetchEnv,
  CLIPPER_MAX_VIDEO_BYTES: z.coerce.number().int().positive().default(2 * 1024 ** 3),
  CLIPPER_DOWNLOAD_TIMEOUT_MS: milliseconds(15 * 60_000),
  CLIPPER_MAX_CLIPS: count(1, 15, 15),
  CLIPPER_STT_PROCESSES: count(1, 64, availableParallelism()),
  YT_DLP_PATH: z.string().min(1).default('yt-dlp'),
  STT_BACKEND: z.enum(['pocketsphinx', 'openai']).default('pocketsphinx'),
  STT_API_URL: httpUrl(),
  STT_API_KEY: z.string().optional(),
  STT_MODEL: z.string().min(1).default('whisper-1'),
  STT_PRICE_PER_MINUTE_USD: usd(0.006),
  CAPTION_BACKEND: z.enum(['local', 'openai']).default('local'),
  CAPTION_API_URL: httpUrl(),
  CAPTION_API_KEY: z.string().optional(),
  CAPTION_MODEL: z.string().min(1).default('gpt-4o-mini'),
  CAPTION_PRICE_INPUT_PER_MILLION_TOKENS_USD: usd(0.15),
  CAPTION_PRICE_OUTPUT_PER_MILLION_TOKENS_USD: usd(0.6),
  REMOTE_TIMEOUT_MS: milliseconds(120_000),
} as const;

export type ClipperConfig = z.infer<z.ZodObject<typeof clipperEnv>>;

/**
 * Validates the environment once at start-up; a remote backend without its URL is refused here
 * rather than on the first job.
 */
export function loadClipperConfig(env: NodeJS.ProcessEnv = process.env): ClipperConfig {
  const config = loadConfig(clipperEnv, env);
  const problems: string[] = [];
  if (config.STT_BACKEND === 'openai' && !config.STT_API_URL) {
    problems.push('STT_API_URL: required when STT_BACKEND=openai (the base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1)');
  }
  if (config.CAPTION_BACKEND === 'openai' && !config.CAPTION_API_URL) {
    problems.push('CAPTION_API_URL: required when CAPTION_BACKEND=openai (the base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
