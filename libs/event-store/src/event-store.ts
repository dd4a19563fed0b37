import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Names, StoredEvent } from '@jetjobs/contracts';
import { appendEvents, type AppendRequest } from './append-events';
import { JobReader } from './job-reader';
import type { LoadedJob } from './load-job';
import { replayEvents, replayMessages, type ReplayOptions } from './read-events';
import { ensureStreams, type StreamSetupOptions } from './stream-setup';
import { untilBrokerAnswers } from './broker-retry';

/**
 * The job event store of one namespace: the data plane (`js`) and the admin plane (`jsm`) over
 * one connection, with the operations every service needs.
 */
export class EventStore {
  private readonly reader: JobReader;

  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    readonly names: Names,
  ) {
    this.reader = new JobReader(js, jsm, names);
  }

  static async open(nc: NatsConnection, names: Names): Promise<EventStore> {
    const jsm = await untilBrokerAnswers('Opening JetStream', () => jetstreamManager(nc));
    return new EventStore(nc, jetstream(nc), jsm, names);
  }

  /** Creates or updates the namespace's streams and buckets. */
  setup(options: StreamSetupOptions = {}): Promise<void> {
    return untilBrokerAnswers('Setting up the namespace streams', () => ensureStreams(this.nc, this.jsm, this.names, options));
  }

  append(request: AppendRequest): Promise<StoredEvent[]> {
    return appendEvents(this.js, this.jsm, this.names, request);
  }

  /** The job's current fold, read from the stream (see JobReader for how it stays cheap). */
  load(jobId: string): Promise<LoadedJob> {
    return this.reader.load(jobId);
  }

  /** The job's first event, the JobSubmitted with its input and webhook, in one direct read. */
  firstEvent(kind: string, jobId: string): Promise<StoredEvent | null> {
    return this.reader.first(kind, jobId);
  }

  replay(options: ReplayOptions = {}): AsyncGenerator<StoredEvent> {
    return replayEvents(this.js, this.names, options);
  }

  /** The same replay without decoding: raw messages with the stream's metadata. */
  replayMessages(options: ReplayOptions = {}): AsyncGenerator<JsMsg> {
    return replayMessages(this.js, this.names, options);
  }
}
