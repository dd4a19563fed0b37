import { z } from 'zod';

/** Log formats: one JSON object per line (the default, for collectors) or coloured lines for a terminal. */
export const LOG_FORMATS = ['json', 'pretty'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const settingsSchema = z.object({
  JETJOBS_LOG_FORMAT: z.enum(LOG_FORMATS).default('json'),
  JETJOBS_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** The OTLP/HTTP collector root (`/v1/traces` is appended); unset: no exporter, no SDK. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
});
export type TelemetrySettings = z.infer<typeof settingsSchema>;

/** Thrown at start-up for a bad setting, with every problem named. */
export class TelemetrySettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TelemetrySettingsError';
  }
}

/** Reads the logging and tracing settings once, at start-up; an empty value counts as unset. */
export function loadTelemetrySettings(env: NodeJS.ProcessEnv = process.env): TelemetrySettings {
  const given = Object.fromEntries(Object.keys(settingsSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const parsed = settingsSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new TelemetrySettingsError(`Invalid telemetry configuration:\n  ${problems.join('\n  ')}`);
}
