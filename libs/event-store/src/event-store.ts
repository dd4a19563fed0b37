import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Names, StoredEvent } from '@jetjobs/contracts';
import { appendEvents, type AppendRequest } from './append-events';
import { loadJob, type LoadedJob } from './load-job';
import { replayEvents, type ReplayOptions } from './read-events';
import { ensureStreams, type StreamSetupOptions } from './stream-setup';

/**
 * The job event store of one namespace: the data plane (`js`) and the admin plane (`jsm`) over
 * one connection, with the operations every service needs.
 */
export class EventStore {
  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    readonly names: Names,
  ) {}

  static async open(nc: NatsConnection, names: Names): Promise<EventStore> {
    return new EventStore(nc, jetstream(nc), await jetstreamManager(nc), names);
  }

  /** Creates or updates the namespace's streams and buckets. */
  setup(options: StreamSetupOptions = {}): Promise<void> {
    return ensureStreams(this.nc, this.jsm, this.names, options);
  }

  append(request: AppendRequest): Promise<StoredEvent[]> {
    return appendEvents(this.js, this.jsm, this.names, request);
  }

  load(jobId: string): Promise<LoadedJob> {
    return loadJob(this.js, this.names, jobId);
  }

  replay(options: ReplayOptions = {}): AsyncGenerator<StoredEvent> {
    return replayEvents(this.js, this.names, options);
  }
}
