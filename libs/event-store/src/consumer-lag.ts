import type { ConsumerInfo, JetStreamManager } from '@nats-io/jetstream';
import type { Names } from '@jetjobs/contracts';

/**
 * How far a durable consumer trails its stream: messages not yet delivered plus those delivered
 * but not yet acknowledged. The one definition behind the CLI, the benchmarks and the metrics.
 */
export function consumerLag(info: Pick<ConsumerInfo, 'num_pending' | 'num_ack_pending'>): number {
  return info.num_pending + info.num_ack_pending;
}

/** How far a checkpointed projection trails the stream: sequences stored after its checkpoint. */
export function checkpointLag(streamLastSeq: number, checkpoint: number): number {
  return Math.max(0, streamLastSeq - checkpoint);
}

/** One consumer's lag now, or null when its info cannot be read (it does not exist, NATS is away). */
export async function readConsumerLag(jsm: JetStreamManager, stream: string, consumer: string): Promise<number | null> {
  const info = await jsm.consumers.info(stream, consumer).catch(() => null);
  return info === null ? null : consumerLag(info);
}

export interface NamespaceConsumerLag {
  readonly stream: string;
  readonly consumer: string;
  /** The kind of a work consumer (`work-<kind>`), null for any other consumer. */
  readonly kind: string | null;
  readonly lag: number;
}

/** The lag of every durable consumer on the namespace's job, work and advisory streams. */
export async function readNamespaceConsumerLags(jsm: JetStreamManager, names: Names): Promise<NamespaceConsumerLag[]> {
  const lags: NamespaceConsumerLag[] = [];
  for (const stream of [names.jobsStream, names.workStream, names.advisoryStream]) {
    for (const info of await durableConsumers(jsm, stream)) {
      const kind = stream === names.workStream && info.name.startsWith('work-') ? info.name.slice('work-'.length) : null;
      lags.push({ stream, consumer: info.name, kind, lag: consumerLag(info) });
    }
  }
  return lags;
}

/** A stream's durable consumers; none when the stream does not exist (yet). */
async function durableConsumers(jsm: JetStreamManager, stream: string): Promise<ConsumerInfo[]> {
  const found: ConsumerInfo[] = [];
  try {
    for await (const info of jsm.consumers.list(stream)) {
      // Ephemeral consumers (gateways' live feeds, ordered readers) come and go: only durables.
      if (info.config.durable_name !== undefined) found.push(info);
    }
  } catch {
    return found;
  }
  return found;
}
