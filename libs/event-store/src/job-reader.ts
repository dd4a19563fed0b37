import type { JetStreamClient, JetStreamManager, MsgRequest } from '@nats-io/jetstream';
import type { Names, StoredEvent } from '@jetjobs/contracts';
import { evolve, initialJobState } from '@jetjobs/job-domain';
import { decodeEvent } from './event-codec';
import type { LoadedJob } from './load-job';
import { readJobEvents } from './read-events';

/** Beyond this many missing events, one ordered consumer is cheaper than a get per event. */
const MAX_GETS = 64;

/**
 * Reads jobs from the stream, always current, without a consumer per read: one "last message for
 * the job's subject" request tells whether the cached fold is current; the events it lacks come
 * by "next message for the subject" requests. An ordered consumer is only created for a long
 * history. Entries are kept least-recently-used, up to `capacity` jobs.
 */
export class JobReader {
  private readonly cache = new Map<string, LoadedJob & { subject: string }>();

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly names: Names,
    private readonly capacity = 2_000,
  ) {}

  async load(jobId: string): Promise<LoadedJob> {
    const cached = this.cache.get(jobId);
    const last = await this.jsm.streams.getMessage(this.names.jobsStream, { last_by_subj: cached?.subject ?? this.names.jobSubjectAnyKind(jobId) });
    if (last === null) return { state: initialJobState(), lastSeq: 0, events: [] };
    if (cached && cached.lastSeq === last.seq) return this.touch(jobId, cached);
    const lastEvent = decodeEvent(last);
    const subject = last.subject;
    const known = cached ?? { state: initialJobState(), lastSeq: 0, events: [] as readonly StoredEvent[] };
    const missing = lastEvent.event.metadata.version - known.state.version;
    const loaded = missing > MAX_GETS ? await this.readAll(jobId) : await this.catchUp(known, subject, last.seq, lastEvent);
    return this.remember(jobId, { ...loaded, subject });
  }

  /** The job's first event (its JobSubmitted) by one direct read, or null for an unknown job. */
  async first(kind: string, jobId: string): Promise<StoredEvent | null> {
    const message = await this.jsm.streams.getMessage(this.names.jobsStream, nextBySubject(1, this.names.jobSubject(kind, jobId)));
    return message === null ? null : decodeEvent(message);
  }

  /** Keeps a fold the caller just produced (e.g. after its own append), sparing the next read. */
  remember(jobId: string, loaded: LoadedJob & { subject: string }): LoadedJob {
    this.cache.delete(jobId);
    this.cache.set(jobId, loaded);
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as string);
    return loaded;
  }

  private touch(jobId: string, entry: LoadedJob & { subject: string }): LoadedJob {
    this.cache.delete(jobId);
    this.cache.set(jobId, entry);
    return entry;
  }

  private async catchUp(known: LoadedJob, subject: string, lastSeq: number, lastEvent: StoredEvent): Promise<LoadedJob> {
    const events = [...known.events];
    let state = known.state;
    let seq = known.lastSeq + 1;
    while (seq < lastSeq) {
      const message = await this.jsm.streams.getMessage(this.names.jobsStream, nextBySubject(seq, subject));
      if (message === null || message.seq >= lastSeq) break;
      const stored = decodeEvent(message);
      events.push(stored);
      state = evolve(state, stored.event);
      seq = message.seq + 1;
    }
    events.push(lastEvent);
    return { state: evolve(state, lastEvent.event), lastSeq, events };
  }

  private async readAll(jobId: string): Promise<LoadedJob> {
    const { events, lastSeq } = await readJobEvents(this.js, this.names, jobId);
    let state = initialJobState();
    for (const stored of events) state = evolve(state, stored.event);
    return { state, lastSeq, events };
  }
}

/**
 * STREAM.MSG.GET accepts `next_by_subj` (server 2.9+) although the client's type for this call
 * omits it; the request is passed to the server as given.
 */
function nextBySubject(seq: number, subject: string): MsgRequest {
  return { seq, next_by_subj: subject } as unknown as MsgRequest;
}
