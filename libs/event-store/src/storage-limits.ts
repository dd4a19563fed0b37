import { DiscardPolicy, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import type { Names } from '@jetjobs/contracts';

/**
 * Bounds on what a namespace may store; 0 leaves a bound off. On nats-server 2.9 a stream's
 * `max_bytes` is reserved up front against the server's whole store (a stream asking for more
 * than is free is refused with "insufficient storage resources"), so byte bounds are off by
 * default and sized by the operator; counts and ages reserve nothing.
 */
export interface StorageLimits {
  /** Bytes of the media bucket (uploads and outputs); a put past it fails. */
  readonly mediaMaxBytes: number;
  /** Age at which a media object expires, uploads and outputs alike. */
  readonly mediaMaxAgeMs: number;
  /** Bytes of the job event stream; an append past it fails rather than dropping old history. */
  readonly eventsMaxBytes: number;
  /** Work items waiting at once; a dispatch past it fails and is retried when workers catch up. */
  readonly workMaxMsgs: number;
}

const MS = 1_000_000; // JetStream durations are nanoseconds

/**
 * Applies `limits` to the namespace's streams (which must exist). Only the limit fields are
 * written, so a service that sets the streams up without limits leaves these as they are: the
 * job-registry is the one that applies them, at every start.
 */
export async function applyStorageLimits(jsm: JetStreamManager, names: Names, limits: StorageLimits): Promise<void> {
  // "New": a full stream refuses the write; "old" would silently drop stored events or media.
  await updateStream(jsm, names.jobsStream, { max_bytes: orUnlimited(limits.eventsMaxBytes), discard: DiscardPolicy.New });
  await updateStream(jsm, names.workStream, { max_msgs: orUnlimited(limits.workMaxMsgs), discard: DiscardPolicy.New });
  await updateStream(jsm, `OBJ_${names.mediaBucket}`, {
    max_bytes: orUnlimited(limits.mediaMaxBytes),
    max_age: limits.mediaMaxAgeMs * MS,
    discard: DiscardPolicy.New,
  });
  // An upload's entry in the usage ledger expires with the upload.
  await updateStream(jsm, `KV_${names.mediaUsageBucket}`, { max_age: limits.mediaMaxAgeMs * MS });
}

async function updateStream(jsm: JetStreamManager, name: string, wanted: Partial<StreamConfig>): Promise<void> {
  const info = await jsm.streams.info(name);
  // The server refuses a duplicate window longer than the max age (2 minutes by default).
  const maxAge = wanted.max_age ?? 0;
  const limits = maxAge > 0 && info.config.duplicate_window > maxAge ? { ...wanted, duplicate_window: maxAge } : wanted;
  const unchanged = Object.entries(limits).every(([key, value]) => info.config[key as keyof StreamConfig] === value);
  if (!unchanged) await jsm.streams.update(name, { ...info.config, ...limits });
}

function orUnlimited(value: number): number {
  return value > 0 ? value : -1;
}
