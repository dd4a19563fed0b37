import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Span, type Tracer } from '@opentelemetry/api';
import { formatTraceparent, newSpanId, newTraceId, parseTraceparent, type TraceParent } from './traceparent';

/** Where a span sits in a call: the edges (server, client, producer, consumer) or inside. */
export const SPAN_KINDS = { internal: SpanKind.INTERNAL, server: SpanKind.SERVER, client: SpanKind.CLIENT, producer: SpanKind.PRODUCER, consumer: SpanKind.CONSUMER } as const;
export type SpanKindName = keyof typeof SPAN_KINDS;

export type SpanAttributes = Record<string, string | number | boolean | undefined>;

export interface SpanOptions {
  /** The parent as a `traceparent`; without one the span starts a new trace. */
  readonly parent?: string | null;
  readonly kind?: SpanKindName;
  readonly attributes?: SpanAttributes;
}

/** A span as the services use it; the same whether an exporter runs or not. */
export interface TraceSpan {
  /** This span as a W3C `traceparent`, for NATS headers and event metadata. */
  readonly traceparent: string;
  readonly traceId: string;
  setAttributes(attributes: SpanAttributes): void;
  /** Renames the span once more is known (an HTTP server span learns its route late). */
  rename(name: string): void;
  /** Marks the span failed (the error's name and message, never client data). */
  fail(error: unknown): void;
  end(): void;
}

let tracer: Tracer | null = null;

/** Set by `startTracing` when an exporter runs; until then spans are ids only, recorded nowhere. */
export function useTracer(active: Tracer | null): void {
  tracer = active;
}

/** Starts a span, a child of `options.parent` when it is a valid `traceparent`. */
export function startSpan(name: string, options: SpanOptions = {}): TraceSpan {
  const parent = parseTraceparent(options.parent);
  return tracer === null ? idOnlySpan(parent) : recordedSpan(tracer, name, parent, options);
}

/**
 * Without an exporter no SDK is loaded: a span is a fresh span id in the parent's trace (or a new
 * trace), so trace ids still reach logs and event metadata at the cost of a few random bytes.
 */
function idOnlySpan(parent: TraceParent | null): TraceSpan {
  const traceId = parent?.traceId ?? newTraceId();
  const traceparent = formatTraceparent({ traceId, spanId: newSpanId(), sampled: parent?.sampled ?? false });
  const none = () => undefined;
  return { traceparent, traceId, setAttributes: none, rename: none, fail: none, end: none };
}

function recordedSpan(active: Tracer, name: string, parent: TraceParent | null, options: SpanOptions): TraceSpan {
  const parentContext = parent === null
    ? ROOT_CONTEXT
    : trace.setSpanContext(ROOT_CONTEXT, {
        traceId: parent.traceId,
        spanId: parent.spanId,
        traceFlags: parent.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
        isRemote: true,
      });
  const span: Span = active.startSpan(name, { kind: SPAN_KINDS[options.kind ?? 'internal'], attributes: defined(options.attributes) }, parentContext);
  const context = span.spanContext();
  return {
    traceparent: formatTraceparent({ traceId: context.traceId, spanId: context.spanId, sampled: (context.traceFlags & TraceFlags.SAMPLED) !== 0 }),
    traceId: context.traceId,
    setAttributes: (attributes) => span.setAttributes(defined(attributes)),
    rename: (newName) => span.updateName(newName),
    fail: (error) => {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    },
    end: () => span.end(),
  };
}

function defined(attributes: SpanAttributes | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) if (value !== undefined) out[key] = value;
  return out;
}
