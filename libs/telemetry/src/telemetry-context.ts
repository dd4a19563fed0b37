import { AsyncLocalStorage } from 'node:async_hooks';
import { parseTraceparent } from './traceparent';

/** Fields every log line written in this context carries (snake_case, as the log schema names them). */
export interface LogFields {
  request_id?: string;
  project_id?: string;
  job_id?: string;
  kind?: string;
  attempt?: number;
  [field: string]: string | number | boolean | undefined;
}

/** What follows a request, a command or an attempt through its async calls. */
export interface TelemetryContext {
  /** The current span as a W3C `traceparent`: the parent of spans started here, and what events record. */
  readonly traceparent: string | null;
  /** Mutable on purpose: a field learnt midway (the project, once authenticated) reaches every later line. */
  readonly fields: LogFields;
}

const storage = new AsyncLocalStorage<TelemetryContext>();

export function currentTelemetry(): TelemetryContext | undefined {
  return storage.getStore();
}

/** The current span's `traceparent`, or undefined outside any traced work. */
export function currentTraceparent(): string | undefined {
  return storage.getStore()?.traceparent ?? undefined;
}

/** Runs `fn` with `context` current for everything it calls and awaits. */
export function runWithTelemetry<T>(context: TelemetryContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** Adds fields to the current context's log lines (no-op outside one). */
export function addLogFields(fields: LogFields): void {
  const current = storage.getStore();
  if (current) Object.assign(current.fields, fields);
}

/** The log fields of the current context, `trace_id` included. */
export function currentLogFields(): LogFields {
  const current = storage.getStore();
  if (!current) return {};
  const traceId = parseTraceparent(current.traceparent)?.traceId;
  return traceId === undefined ? current.fields : { ...current.fields, trace_id: traceId };
}
