import type { JsMsg } from '@nats-io/jetstream';
import { CodedError, isJobId, type JobEvent, type JobEventType, type Names, type StoredEvent } from '@jetjobs/contracts';
import { decodeEvent } from './event-codec';
import type { EventStore } from './event-store';

/**
 * Which events an operator asks for. Kind and job narrow the consumer's subject on the server;
 * project and type are not in the subject, so they are checked here.
 */
export interface EventFilter {
  readonly kind?: string;
  readonly jobId?: string;
  readonly projectId?: string;
  readonly types?: readonly JobEventType[];
}

export interface EventQuery extends EventFilter {
  /** First stream sequence (inclusive). */
  readonly fromSeq?: number;
  /** Last stream sequence (inclusive). */
  readonly toSeq?: number;
  /** Stored at or after this time. */
  readonly since?: Date;
  /** Stored before this time. */
  readonly until?: Date;
  readonly follow?: boolean;
  readonly signal?: AbortSignal;
  /** Told about a message that is not a valid event, which is then skipped; without it the read fails. */
  readonly onInvalid?: (seq: number, error: unknown) => void;
}

export interface QueriedEvent extends StoredEvent {
  /** When the stream stored the event (the clock `since` and `until` compare against). */
  readonly storedAt: Date;
}

/** The consumer subject for a filter: one job, one kind, or every job event of the namespace. */
export function filterSubject(names: Names, filter: EventFilter): string {
  if (filter.jobId !== undefined && !isJobId(filter.jobId)) {
    throw new CodedError('validation_failed', `job: "${filter.jobId}" is not a job id (a UUID)`);
  }
  if (filter.jobId !== undefined) {
    return filter.kind === undefined ? names.jobSubjectAnyKind(filter.jobId) : names.jobSubject(filter.kind, filter.jobId);
  }
  return filter.kind === undefined ? names.jobsWildcard : names.jobSubject(filter.kind, '*');
}

export function matchesFilter(event: JobEvent, filter: EventFilter): boolean {
  if (filter.projectId !== undefined && event.metadata.projectId !== filter.projectId) return false;
  return filter.types === undefined || filter.types.length === 0 || filter.types.includes(event.type);
}

/**
 * Reads the events a query selects, in stream order, through an ordered consumer (nothing is
 * left on the server). Stream timestamps grow with the sequence, so the first message stored at
 * or after `until`, or past `toSeq`, ends the read even when following.
 */
export async function* queryEvents(store: EventStore, query: EventQuery): AsyncGenerator<QueriedEvent> {
  const subject = filterSubject(store.names, query);
  const { fromSeq, since, follow, signal } = query;
  for await (const message of store.replayMessages({ subject, fromSeq, since, follow, signal })) {
    const storedAt = storedTime(message);
    if (query.toSeq !== undefined && message.seq > query.toSeq) return;
    if (query.until !== undefined && storedAt >= query.until) return;
    const stored = decode(message, query);
    if (stored !== null && matchesFilter(stored.event, query)) yield { ...stored, storedAt };
    if (query.toSeq !== undefined && message.seq >= query.toSeq) return;
  }
}

function decode(message: JsMsg, query: EventQuery): StoredEvent | null {
  if (query.onInvalid === undefined) return decodeEvent(message);
  try {
    return decodeEvent(message);
  } catch (error) {
    query.onInvalid(message.seq, error);
    return null;
  }
}

function storedTime(message: JsMsg): Date {
  return message.time;
}
