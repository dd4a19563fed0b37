export { initTelemetry, TELEMETRY_HELP, type Telemetry } from './init-telemetry';
export { createLogger, rootLogger, setRootLogger, type Logger, type LoggerOptions } from './logger';
export { NestJsonLogger } from './nest-json-logger';
export { startTracing, type Tracing } from './start-tracing';
export { loadTelemetrySettings, LOG_FORMATS, LOG_LEVELS, TelemetrySettingsError, type TelemetrySettings } from './telemetry-settings';
export {
  addLogFields,
  currentLogFields,
  currentTelemetry,
  currentTraceparent,
  runWithTelemetry,
  type LogFields,
  type TelemetryContext,
} from './telemetry-context';
export { SPAN_KINDS, startSpan, type SpanAttributes, type SpanKindName, type SpanOptions, type TraceSpan } from './tracer';
export { withSpan, type WithSpanOptions } from './with-span';
export { formatTraceparent, newSpanId, newTraceId, parseTraceparent, TRACEPARENT_PATTERN, type TraceParent } from './traceparent';
export { TRACEPARENT_HEADER } from './trace-headers';
