import { currentTelemetry, currentTraceparent, runWithTelemetry, type LogFields } from './telemetry-context';
import { startSpan, type SpanOptions, type TraceSpan } from './tracer';

export interface WithSpanOptions extends SpanOptions {
  /** Log fields for every line written inside (merged over the enclosing context's). */
  readonly fields?: LogFields;
}

/**
 * Runs `fn` inside a new span, a child of `options.parent` or else of the current span: work it
 * calls (appends, tool runs, log lines) records this span. The span ends when `fn` settles and
 * is marked failed when it throws.
 */
export async function withSpan<T>(name: string, options: WithSpanOptions, fn: (span: TraceSpan) => Promise<T>): Promise<T> {
  const span = startSpan(name, { ...options, parent: options.parent ?? currentTraceparent() });
  const fields = { ...currentTelemetry()?.fields, ...options.fields };
  try {
    return await runWithTelemetry({ traceparent: span.traceparent, fields }, () => fn(span));
  } catch (error) {
    span.fail(error);
    throw error;
  } finally {
    span.end();
  }
}
