import { z } from 'zod';

/** The bounds a kind of worker starts with when its environment does not set them. */
export interface WorkerLimitDefaults {
  readonly maxDurationS: number;
  readonly maxFrames: number;
  readonly attemptDeadlineMs: number;
  readonly toolCpuS: number;
  readonly maxPixels?: number;
}

/** 3840×2160: the largest picture the products take (4K UHD). */
const UHD_PIXELS = 3840 * 2160;
const GIB = 1024 ** 3;

const positive = (fallback: number) => z.coerce.number().positive().default(fallback);
/** 0 turns the bound off. */
const orNone = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

/**
 * Variables bounding the media work of one job, with the kind's defaults: media over a limit
 * fails at once after probing, each tool runs under memory, CPU and time limits, and an attempt
 * has a wall-clock deadline however often it heartbeats.
 */
export function workerLimitsEnv(defaults: WorkerLimitDefaults) {
  return {
    MEDIA_MAX_DURATION_S: positive(defaults.maxDurationS),
    MEDIA_MAX_PIXELS: z.coerce.number().int().positive().default(defaults.maxPixels ?? UHD_PIXELS),
    MEDIA_MAX_FRAMES: z.coerce.number().int().positive().default(defaults.maxFrames),
    WORKER_ATTEMPT_DEADLINE_MS: orNone(defaults.attemptDeadlineMs),
    MEDIA_TOOL_MAX_MEMORY_BYTES: orNone(8 * GIB),
    MEDIA_TOOL_MAX_CPU_S: orNone(defaults.toolCpuS),
    MEDIA_TOOL_TIMEOUT_MS: orNone(0),
  } as const;
}

export type WorkerLimitsConfig = z.infer<z.ZodObject<ReturnType<typeof workerLimitsEnv>>>;
