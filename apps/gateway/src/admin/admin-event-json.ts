import type { QueriedEvent } from '@jetjobs/event-store';
import { toSseEventJson } from '../job-events/sse-event-json';

/** An event as the admin API shows it: the job stream's shape, plus where and when it was stored. */
export function toAdminEventJson({ seq, storedAt, event }: QueriedEvent) {
  const { metadata } = event;
  return {
    seq,
    stored_at: storedAt.toISOString(),
    ...toSseEventJson(event, { revealWorker: true }),
    kind: metadata.kind,
    project_id: metadata.projectId,
    event_id: metadata.eventId,
    correlation_id: metadata.correlationId,
    causation_id: metadata.causationId,
    // The span that wrote the event: its trace is the job's trace (null on events stored before traces).
    traceparent: metadata.traceparent ?? null,
    trace_id: metadata.traceparent?.split('-')[1] ?? null,
  };
}
