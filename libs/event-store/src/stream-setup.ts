import {
  DiscardPolicy,
  JetStreamApiError,
  RetentionPolicy,
  JetStreamApiCodes,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { Objm } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Names } from '@jetjobs/contracts';
import { isApiError } from './durable-consumer';
import { applyStorageLimits, type StorageLimits } from './storage-limits';

export interface StreamSetupOptions {
  /** Maximum age of job events in milliseconds; 0 keeps them forever. */
  readonly eventMaxAgeMs?: number;
  /** Replicas for clustered deployments; 1 on a single server. */
  readonly replicas?: number;
  /** Bounds on stored bytes, messages and ages; without them the existing bounds stay as they are. */
  readonly limits?: StorageLimits;
  /**
   * false: only check that the streams and buckets exist (a service whose NATS user may not create
   * or change streams, as in a least-privilege deployment where only job-registry manages them).
   */
  readonly manage?: boolean;
}

const MS = 1_000_000; // JetStream durations are nanoseconds
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates or updates every stream and bucket of a namespace, with `replicas` copies of each (an
 * existing stream or bucket is scaled in place). Safe to call from every replica of every service
 * at start-up: creation races resolve to the same configuration.
 */
export async function ensureStreams(nc: NatsConnection, jsm: JetStreamManager, names: Names, options: StreamSetupOptions = {}): Promise<void> {
  const replicas = options.replicas ?? 1;
  if (options.manage === false) return checkStreams(jsm, names);
  await createOrUpdate(nc, jsm, names, options, replicas).catch((error: unknown) => {
    throw explainReplicas(error, replicas);
  });
}

async function createOrUpdate(nc: NatsConnection, jsm: JetStreamManager, names: Names, options: StreamSetupOptions, replicas: number): Promise<void> {
  await upsertStream(jsm, {
    name: names.jobsStream,
    subjects: [names.jobsWildcard],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: 2 * 60 * 1000 * MS,
    deny_delete: true,
    deny_purge: true,
    max_age: (options.eventMaxAgeMs ?? 0) * MS,
    num_replicas: replicas,
  });
  await upsertStream(jsm, {
    name: names.workStream,
    subjects: [names.workWildcard],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    duplicate_window: 2 * 60 * 1000 * MS,
    num_replicas: replicas,
  });
  // Max-deliveries advisories are kept in a stream so that a dead work item is noticed even when
  // no registry replica was listening at the moment it died.
  await upsertStream(jsm, {
    name: names.advisoryStream,
    subjects: [names.maxDeliveriesAdvisory()],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: 7 * DAY_MS * MS,
    discard: DiscardPolicy.Old,
    num_replicas: replicas,
  });
  // No direct gets on the buckets: with replicas a follower may answer one before it has the entry
  // just written (an async id created a moment ago would read as unknown). Reads go to the leader.
  await new Kvm(nc).create(names.idempotencyBucket, { ttl: DAY_MS, replicas, history: 1, allow_direct: false });
  // Short async-API ids; kept without expiry (a few bytes each) so the same settings hold for every
  // service that sets the namespace up, whatever its own event retention.
  await new Kvm(nc).create(names.asyncAliasBucket, { replicas, history: 1, allow_direct: false });
  await new Objm(nc).create(names.mediaBucket, { replicas, storage: StorageType.File });
  // Quota sums must see the reservation written a moment ago: no direct gets here either.
  await new Kvm(nc).create(names.mediaUsageBucket, { replicas, history: 1, allow_direct: false });
  if (options.limits) await applyStorageLimits(jsm, names, options.limits);
  // Creating a bucket that exists leaves its settings as they were: scale the buckets' streams here.
  for (const stream of [`KV_${names.idempotencyBucket}`, `KV_${names.asyncAliasBucket}`, `KV_${names.mediaUsageBucket}`]) {
    await upsertStream(jsm, { name: stream, num_replicas: replicas, allow_direct: false });
  }
  await upsertStream(jsm, { name: `OBJ_${names.mediaBucket}`, num_replicas: replicas });
}

async function upsertStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    const info = await jsm.streams.info(config.name);
    await jsm.streams.update(config.name, { ...info.config, ...config });
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
    try {
      await jsm.streams.add(config);
    } catch (addError) {
      // Another replica created it between our lookup and our add: same config, nothing to do.
      if (!(addError instanceof JetStreamApiError) || !/already in use/i.test(addError.message)) throw addError;
    }
  }
}

/** The streams behind every stream, bucket and object store of a namespace. */
export function namespaceStreams(names: Names): string[] {
  return [names.jobsStream, names.workStream, names.advisoryStream, `KV_${names.idempotencyBucket}`, `KV_${names.asyncAliasBucket}`, `OBJ_${names.mediaBucket}`];
}

/** The streams every service uses: the first and the last that job-registry creates. */
async function checkStreams(jsm: JetStreamManager, names: Names): Promise<void> {
  for (const stream of [names.jobsStream, `OBJ_${names.mediaBucket}`]) {
    try {
      await jsm.streams.info(stream);
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
      throw new Error(`Stream ${stream} does not exist: start job-registry first (it creates the namespace's streams), or set JETJOBS_MANAGE_STREAMS=true`);
    }
  }
}

/**
 * JetStream refuses replicas above the cluster's size (and any R>1 on a single server) in terse
 * words: say which setting to change.
 */
function explainReplicas(error: unknown, replicas: number): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (replicas <= 1 || !/replica|cluster|peers|insufficient resources/i.test(message)) return error;
  return new Error(
    `JetStream refused ${replicas} replicas (${message}): JETJOBS_STREAM_REPLICAS=${replicas} needs a JetStream cluster of at least ${replicas} servers; set it to the cluster's size (1 on a single server)`,
  );
}
