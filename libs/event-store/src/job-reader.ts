import type { JetStreamClient, JetStreamManager, MsgRequest } from '@nats-io/jetstream';
import { LRUCache } from 'lru-cache';
import type { Names, StoredEvent } from '@jetjobs/contracts';
import { evolve, initialJobState } from '@jetjobs/job-domain';
import { decodeEvent } from './event-codec';
import type { LoadedJob } from './load-job';
import { replayEvents } from './read-events';

/** Beyond this many missing events, one ordered consumer is cheaper than a get per event. */
const MAX_GETS = 64;
/** Encoded size of the events kept, all jobs together; a job larger than this alone is not kept. */
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

type Entry = LoadedJob & { readonly subject: string; readonly bytes: number };

/**
 * Reads jobs from the stream, always current, without a consumer per read: one "last message for
 * the job's subject" request tells whether the cached fold is current; the events it lacks come
 * by "next message for the subject" requests. An ordered consumer is only created for a long
 * history. Entries are kept least-recently-used (`lru-cache`), up to `capacity` jobs and `maxBytes`
 * of encoded events (inputs and results are the client's and may be large: the count alone
 * bounds nothing).
 */
export class JobReader {
  private readonly cache: LRUCache<string, Entry>;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly names: Names,
    capacity = 2_000,
    maxBytes = DEFAULT_MAX_BYTES,
  ) {
    // A job larger than the whole budget is not kept (lru-cache refuses an entry above maxSize).
    this.cache = new LRUCache({ max: capacity, maxSize: maxBytes, sizeCalculation: (entry) => Math.max(1, entry.bytes) });
  }

  async load(jobId: string): Promise<LoadedJob> {
    // peek: only a read that finds the cache current counts as a use (touch below).
    const cached = this.cache.peek(jobId);
    const last = await this.jsm.streams.getMessage(this.names.jobsStream, { last_by_subj: cached?.subject ?? this.names.jobSubjectAnyKind(jobId) });
    if (last === null) return { state: initialJobState(), lastSeq: 0, events: [] };
    if (cached && cached.lastSeq === last.seq) return this.touch(jobId, cached);
    const lastEvent = decodeEvent(last);
    const subject = last.subject;
    const known: Entry = cached ?? { state: initialJobState(), lastSeq: 0, events: [], subject, bytes: 0 };
    const missing = lastEvent.event.metadata.version - known.state.version;
    const loaded = missing > MAX_GETS ? await this.readAll(jobId, subject) : await this.catchUp(known, last.seq, lastEvent, last.data.length);
    this.keep(jobId, loaded);
    return loaded;
  }

  /** Jobs kept, and the encoded size of their events (for tests and metrics). */
  get kept(): { readonly jobs: number; readonly bytes: number } {
    return { jobs: this.cache.size, bytes: this.cache.calculatedSize };
  }

  /** The job's first event (its JobSubmitted) by one direct read, or null for an unknown job. */
  async first(kind: string, jobId: string): Promise<StoredEvent | null> {
    const message = await this.jsm.streams.getMessage(this.names.jobsStream, nextBySubject(1, this.names.jobSubject(kind, jobId)));
    return message === null ? null : decodeEvent(message);
  }

  private keep(jobId: string, entry: Entry): void {
    this.cache.set(jobId, entry);
  }

  private touch(jobId: string, entry: Entry): LoadedJob {
    this.cache.get(jobId);
    return entry;
  }

  private async catchUp(known: Entry, lastSeq: number, lastEvent: StoredEvent, lastBytes: number): Promise<Entry> {
    const events = [...known.events];
    let { state, bytes } = known;
    let seq = known.lastSeq + 1;
    while (seq < lastSeq) {
      const message = await this.jsm.streams.getMessage(this.names.jobsStream, nextBySubject(seq, known.subject));
      if (message === null || message.seq >= lastSeq) break;
      const stored = decodeEvent(message);
      events.push(stored);
      state = evolve(state, stored.event);
      bytes += message.data.length;
      seq = message.seq + 1;
    }
    events.push(lastEvent);
    return { state: evolve(state, lastEvent.event), lastSeq, events, subject: known.subject, bytes: bytes + lastBytes };
  }

  private async readAll(jobId: string, subject: string): Promise<Entry> {
    const events: StoredEvent[] = [];
    for await (const stored of replayEvents(this.js, this.names, { subject: this.names.jobSubjectAnyKind(jobId) })) events.push(stored);
    const lastSeq = events.at(-1)?.seq ?? 0;
    let state = initialJobState();
    let bytes = 0;
    for (const stored of events) {
      state = evolve(state, stored.event);
      bytes += JSON.stringify(stored.event).length;
    }
    return { state, lastSeq, events, subject, bytes };
  }
}

/**
 * STREAM.MSG.GET accepts `next_by_subj` (server 2.9+) although the client's type for this call
 * omits it; the request is passed to the server as given.
 */
function nextBySubject(seq: number, subject: string): MsgRequest {
  return { seq, next_by_subj: subject } as unknown as MsgRequest;
}
