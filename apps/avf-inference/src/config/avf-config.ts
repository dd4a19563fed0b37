import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { blankAsUnset, ConfigError, count, flag, httpUrl, loadConfig, milliseconds, natsEnv, workerLimitsEnv, sourceFetchEnv } from '@jetjobs/config';

/** Every variable the avf worker reads, with its default. */
export const avfEnv = {
  ...natsEnv,
  // Ten minutes of up to 60 fps video: the face mesh costs ~50 ms a frame on each core.
  ...workerLimitsEnv({ maxDurationS: 600, maxFrames: 600 * 60, attemptDeadlineMs: 3_600_000, toolCpuS: 3600 }),
  /** Each job already keeps every core busy (one face thread per core): one job at a time. */
  WORKER_CONCURRENCY: count(1, 16, 1),
  AVF_BACKEND: z.enum(['local', 'kserve']).default('local'),
  AVF_SEQUENCE_LENGTH: count(5, 500, 50),
  ...sourceFetchEnv,
  /** The AVF API's documented upload limit is 100 MB; URL sources get the same. */
  AVF_MAX_VIDEO_BYTES: z.coerce.number().int().positive().default(100 * 1024 ** 2),
  AVF_DOWNLOAD_TIMEOUT_MS: milliseconds(5 * 60_000),
  AVF_MAX_LAG_FRAMES: count(1, 100, 15),
  AVF_FRAME_WIDTH: count(160, 3840, 640),
  AVF_FACE_THREADS: count(1, 64, availableParallelism()),
  AVF_DETECTOR_SKIP_FRAMES: count(0, 100, 10),
  AVF_FACE_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.5),
  AVF_KSERVE_URL: httpUrl(),
  AVF_KSERVE_MODEL: blankAsUnset(z.string().min(1).optional()),
  AVF_KSERVE_MODEL_VERSION: blankAsUnset(z.string().min(1).optional()),
  AVF_KSERVE_TOKEN: blankAsUnset(z.string().min(1).optional()),
  AVF_KSERVE_FRAMES_INPUT: z.string().min(1).default('frames'),
  AVF_KSERVE_AUDIO_INPUT: z.string().min(1).default('audio'),
  AVF_KSERVE_OUTPUT: z.string().min(1).default('forgery_probability'),
  AVF_KSERVE_FRAME_SIZE: count(32, 1024, 224),
  AVF_KSERVE_SAMPLE_RATE: count(8000, 48000, 16000),
  AVF_KSERVE_BINARY: flag(true),
  AVF_KSERVE_CONCURRENCY: count(1, 32, 2),
  AVF_KSERVE_TIMEOUT_MS: milliseconds(30_000),
  AVF_KSERVE_RETRIES: count(0, 10, 3),
  AVF_KSERVE_RETRY_BASE_DELAY_MS: milliseconds(500),
  AVF_KSERVE_STARTUP_TIMEOUT_MS: milliseconds(60_000),
} as const;

export type AvfConfig = z.infer<z.ZodObject<typeof avfEnv>>;

/**
 * Validates the environment once at start-up; the kserve backend without its server or model is
 * refused here, with every problem listed, rather than on the first job.
 */
export function loadAvfConfig(env: NodeJS.ProcessEnv = process.env): AvfConfig {
  const config = loadConfig(avfEnv, env);
  const problems: string[] = [];
  if (config.AVF_BACKEND === 'kserve' && !config.AVF_KSERVE_URL) {
    problems.push('AVF_KSERVE_URL: required when AVF_BACKEND=kserve (the model server root, e.g. http://avf-model.models.svc:8080)');
  }
  if (config.AVF_BACKEND === 'kserve' && !config.AVF_KSERVE_MODEL) {
    problems.push('AVF_KSERVE_MODEL: required when AVF_BACKEND=kserve (the model name the server serves)');
  }
  if (config.AVF_MAX_LAG_FRAMES * 2 >= config.AVF_SEQUENCE_LENGTH) {
    problems.push(`AVF_MAX_LAG_FRAMES: must be under half of AVF_SEQUENCE_LENGTH (${config.AVF_SEQUENCE_LENGTH}) to leave frames to compare`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export const AVF_HELP = `avf-inference — runs jobs of kind "avf": audio-visual forgery detection (lip sync)

Usage: node apps/avf-inference/dist/main.js

Environment (defaults in brackets):
  NATS_URL, JETJOBS_NAMESPACE       NATS server(s) and namespace   [nats://127.0.0.1:4222, jetjobs]
  WORKER_CONCURRENCY                jobs run at once by this process   [1: a job keeps every core busy]
  JETJOBS_WORK_ACK_WAIT_MS          redelivery delay if this process dies   [30000]
  JETJOBS_WORK_MAX_DELIVER          deliveries before a work item is dead   [5]
  JETJOBS_METRICS_PORT              port of /metrics, /healthz, /readyz (docs/observability.md)   [none: no server]
  AVF_BACKEND                       local | kserve   [local]
  AVF_SEQUENCE_LENGTH               frames per sequence when a job does not set sequenceLength   [50]
  JETJOBS_SOURCE_URL_ALLOWLIST      internal hosts/CIDRs a URL source may reach   [none]
  JETJOBS_SOURCE_IDLE_TIMEOUT_MS    a download that receives nothing this long fails, retryable   [30000]
  AVF_MAX_VIDEO_BYTES               largest video accepted   [104857600 = 100 MB]
  AVF_DOWNLOAD_TIMEOUT_MS           time for a whole URL download   [300000]
  MEDIA_MAX_DURATION_S              longest video accepted, checked after probing   [600 = 10 min]
  MEDIA_MAX_PIXELS                  largest frame (width x height); also ffmpeg's -max_pixels   [8294400 = 3840x2160]
  MEDIA_MAX_FRAMES                  most video frames accepted   [36000]
  WORKER_ATTEMPT_DEADLINE_MS        wall-clock limit of one attempt; past it the job fails (0: none)   [3600000]
  MEDIA_TOOL_MAX_MEMORY_BYTES       virtual memory of each ffmpeg/ffprobe process (0: none)   [8589934592 = 8 GiB]
  MEDIA_TOOL_MAX_CPU_S              CPU seconds of each ffmpeg/ffprobe process (0: none)   [3600]
  MEDIA_TOOL_TIMEOUT_MS             wall-clock limit of each tool run (0: none)   [0]
 local backend (face mesh of @vladmandic/human on the tfjs wasm backend, models from the package):
  AVF_MAX_LAG_FRAMES                lags tried on each side of 0 per sequence   [15]
  AVF_FRAME_WIDTH                   frames are analysed at most this wide   [640]
  AVF_FACE_THREADS                  face threads, each with the models loaded once   [cores]
  AVF_DETECTOR_SKIP_FRAMES          frames the face detector may skip while the mesh tracks   [10]
  AVF_FACE_MIN_CONFIDENCE           detector/mesh confidence for a face to count   [0.5]
 kserve backend (Open Inference Protocol: KServe v2, Triton):
  AVF_KSERVE_URL, AVF_KSERVE_MODEL  server root and model name (required)
  AVF_KSERVE_MODEL_VERSION          model version   [the server's default]
  AVF_KSERVE_TOKEN                  bearer token   [none]
  AVF_KSERVE_FRAMES_INPUT           UINT8 [1, N, S, S, 3] input   [frames]
  AVF_KSERVE_AUDIO_INPUT            FP32 [1, M] input (mono, in [-1, 1])   [audio]
  AVF_KSERVE_OUTPUT                 output with the sequence's forgery probability   [forgery_probability]
  AVF_KSERVE_FRAME_SIZE             S: frames are letterboxed to SxS   [224]
  AVF_KSERVE_SAMPLE_RATE            audio sample rate   [16000]
  AVF_KSERVE_BINARY                 send tensors with the binary data extension   [true]
  AVF_KSERVE_CONCURRENCY            requests in flight per job   [2]
  AVF_KSERVE_TIMEOUT_MS             per request   [30000]
  AVF_KSERVE_RETRIES                retries of a timeout/429/5xx before the attempt fails   [3]
  AVF_KSERVE_RETRY_BASE_DELAY_MS    first backoff (doubles each retry, with jitter)   [500]
  AVF_KSERVE_STARTUP_TIMEOUT_MS     wait for the server and model to be ready   [60000]
`;
