import { randomUUID } from 'node:crypto';
import { JetStreamApiError, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { SCHEMA_VERSION, type JobEvent, type JobEventBody, type Names, type StoredEvent } from '@jetjobs/contracts';
import { currentTraceparent } from '@jetjobs/telemetry';
import { encodeEvent, decodeEvent, msgIdFor } from './event-codec';
import { AppendConflictError, WRONG_LAST_SEQUENCE } from './event-store-errors';

export interface AppendRequest {
  readonly jobId: string;
  readonly kind: string;
  readonly projectId: string;
  /** Stream sequence of the job's last event, 0 for a new job. */
  readonly expectedSeq: number;
  /** Version of the job's last event, 0 for a new job. */
  readonly expectedVersion: number;
  readonly events: readonly JobEventBody[];
  readonly correlationId: string;
  readonly causationId: string | null;
  /** Injected clock, so callers and tests control time. */
  readonly now?: () => Date;
  /** The span that writes the events (W3C `traceparent`); by default the current one, if any. */
  readonly traceparent?: string;
}

/**
 * Appends a decision's events to the job's subject with optimistic concurrency: each publish
 * expects the job's last stream sequence and carries `Nats-Msg-Id = <jobId>:<version>`, so a
 * retried publish stores once and a concurrent writer makes us fail with AppendConflictError.
 */
export async function appendEvents(js: JetStreamClient, jsm: JetStreamManager, names: Names, request: AppendRequest): Promise<StoredEvent[]> {
  const subject = names.jobSubject(request.kind, request.jobId);
  const now = request.now ?? (() => new Date());
  const stored: StoredEvent[] = [];
  let expectedSeq = request.expectedSeq;
  let version = request.expectedVersion;
  for (const body of request.events) {
    version += 1;
    const event = envelope(request, body, version, now());
    const { data, headers } = encodeEvent(event);
    const ack = await publishExpecting(js, subject, data, {
      headers,
      msgID: msgIdFor(request.jobId, version),
      expect: { lastSubjectSequence: expectedSeq },
    }, request);
    const kept = ack.duplicate ? await ownDuplicate(jsm, names, ack.seq, event, request) : event;
    stored.push({ seq: ack.seq, event: kept });
    expectedSeq = ack.seq;
  }
  return stored;
}

function envelope(request: AppendRequest, body: JobEventBody, version: number, at: Date): JobEvent {
  const traceparent = request.traceparent ?? currentTraceparent();
  return {
    ...body,
    metadata: {
      eventId: randomUUID(),
      jobId: request.jobId,
      kind: request.kind,
      projectId: request.projectId,
      version,
      occurredAt: at.toISOString(),
      correlationId: request.correlationId,
      causationId: request.causationId,
      schemaVersion: SCHEMA_VERSION,
      ...(traceparent === undefined ? {} : { traceparent }),
    },
  } as JobEvent;
}

type PublishOptions = Parameters<JetStreamClient['publish']>[2];

async function publishExpecting(js: JetStreamClient, subject: string, data: Uint8Array, options: PublishOptions, request: AppendRequest) {
  try {
    return await js.publish(subject, data, options);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === WRONG_LAST_SEQUENCE) {
      throw new AppendConflictError(request.jobId, request.expectedSeq);
    }
    throw error;
  }
}

/**
 * The server checks message ids before sequences, so a "duplicate" may be another writer's event
 * with the same version. It is ours (a retried publish) only if the stored body is the same.
 */
async function ownDuplicate(jsm: JetStreamManager, names: Names, seq: number, event: JobEvent, request: AppendRequest): Promise<JobEvent> {
  const existing = await jsm.streams.getMessage(names.jobsStream, { seq });
  const storedEvent = existing ? decodeEvent(existing).event : null;
  const same = storedEvent !== null && storedEvent.type === event.type && JSON.stringify(storedEvent.data) === JSON.stringify(event.data);
  if (!same || storedEvent === null) throw new AppendConflictError(request.jobId, request.expectedSeq);
  return storedEvent;
}
