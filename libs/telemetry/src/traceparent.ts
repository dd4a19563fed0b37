import { randomBytes } from 'node:crypto';

/** The parts of a W3C `traceparent` header (version 00): which trace, which span, sampled or not. */
export interface TraceParent {
  readonly traceId: string;
  readonly spanId: string;
  readonly sampled: boolean;
}

/** The header as W3C Trace Context writes it: `00-<32 hex trace id>-<16 hex span id>-<2 hex flags>`. */
export const TRACEPARENT_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ALL_ZERO = /^0+$/;

/** Reads a `traceparent` value; anything malformed (or all-zero ids, which W3C forbids) is null. */
export function parseTraceparent(value: string | null | undefined): TraceParent | null {
  const match = TRACEPARENT_PATTERN.exec(value?.trim().toLowerCase() ?? '');
  if (!match) return null;
  const [, traceId, spanId, flags] = match as unknown as [string, string, string, string];
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(spanId)) return null;
  return { traceId, spanId, sampled: (parseInt(flags, 16) & 1) === 1 };
}

export function formatTraceparent(parent: TraceParent): string {
  return `00-${parent.traceId}-${parent.spanId}-${parent.sampled ? '01' : '00'}`;
}

/** Random ids as W3C asks for them; used when no tracing SDK runs, so ids still flow for free. */
export function newTraceId(): string {
  return randomBytes(16).toString('hex');
}

export function newSpanId(): string {
  return randomBytes(8).toString('hex');
}
