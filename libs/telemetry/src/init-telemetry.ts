import { createLogger, setRootLogger, type Logger } from './logger';
import { startTracing, type Tracing } from './start-tracing';
import { loadTelemetrySettings, type TelemetrySettings } from './telemetry-settings';

export interface Telemetry {
  readonly logger: Logger;
  readonly tracing: Tracing;
  readonly settings: TelemetrySettings;
}

/**
 * A service's logging and tracing, set up once at the top of its `main`: validates the settings
 * (throws TelemetrySettingsError), makes the process's root logger and starts the exporter when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set.
 */
export function initTelemetry(service: string, env: NodeJS.ProcessEnv = process.env): Telemetry {
  const settings = loadTelemetrySettings(env);
  const logger = createLogger(service, { format: settings.JETJOBS_LOG_FORMAT, level: settings.JETJOBS_LOG_LEVEL });
  setRootLogger(logger);
  const tracing = startTracing(service, settings.OTEL_EXPORTER_OTLP_ENDPOINT);
  return { logger, tracing, settings };
}

/** The help lines every service prints for these settings. */
export const TELEMETRY_HELP = `  JETJOBS_LOG_FORMAT            json (one object per line) or pretty (for a terminal)   (json)
  JETJOBS_LOG_LEVEL             fatal | error | warn | info | debug | trace | silent   (info)
  OTEL_EXPORTER_OTLP_ENDPOINT   OTLP/HTTP collector root; traces are exported when set   (none: off)
`;
