import pino from 'pino';
import pretty from 'pino-pretty';
import { currentLogFields } from './telemetry-context';
import { LOG_LEVELS, type TelemetrySettings } from './telemetry-settings';

export type Logger = pino.Logger;

export interface LoggerOptions {
  readonly format?: TelemetrySettings['JETJOBS_LOG_FORMAT'];
  readonly level?: TelemetrySettings['JETJOBS_LOG_LEVEL'];
  /** Where lines go (stdout by default); tests pass their own stream. */
  readonly destination?: pino.DestinationStream;
}

/**
 * One JSON object per line: `time`, `level` (a word, not pino's number), `service`, `msg`, and the
 * fields of the current request, command or attempt (`request_id`, `project_id`, `job_id`, `kind`,
 * `attempt`, `trace_id`), which the mixin takes from the telemetry context so no call site has to.
 */
export function createLogger(service: string, options: LoggerOptions = {}): Logger {
  const settings: pino.LoggerOptions = {
    level: options.level ?? 'info',
    base: { service },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => currentLogFields(),
  };
  if (options.destination) return pino(settings, options.destination);
  // Pretty output is for a person at a terminal (`npm start`); it formats in-process, synchronously.
  if (options.format === 'pretty') return pino(settings, pretty({ sync: true, singleLine: true, ignore: 'pid,hostname' }));
  return pino(settings, pino.destination({ fd: 1, sync: false }));
}

let root: Logger | null = null;

/**
 * The process's logger, set once by `initTelemetry`. Before that (an app built in-process by a
 * test, a library used on its own) a JSON logger at warn level: the problems show, the
 * per-request and per-attempt lines of many in-process apps do not drown a test run.
 */
export function rootLogger(): Logger {
  const level = LOG_LEVELS.find((known) => known === process.env['JETJOBS_LOG_LEVEL']) ?? 'warn';
  root ??= createLogger(process.env['OTEL_SERVICE_NAME'] ?? 'jetjobs', { level });
  return root;
}

export function setRootLogger(logger: Logger): void {
  root = logger;
}
