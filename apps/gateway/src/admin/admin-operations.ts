import { checkpointLag, readNamespaceConsumerLags, type EventStore } from '@jetjobs/event-store';
import type { RegistryClient } from '../registry/registry-client';

/**
 * The operations view: the namespace's streams, every durable consumer with its pending, ack
 * pending, redelivered and lag (the CLI's arithmetic), each projection's checkpoint and lag
 * behind the stream's end, any unfinished rebuild, and the charts' per-minute series.
 */
export async function readOperations(store: EventStore, registry: RegistryClient) {
  const streams = [];
  for (const name of [store.names.jobsStream, store.names.workStream, store.names.advisoryStream]) {
    const info = await store.jsm.streams.info(name).catch(() => null);
    if (info !== null) streams.push({ name, messages: info.state.messages, bytes: info.state.bytes, last_seq: info.state.last_seq, consumers: info.state.consumer_count });
  }
  const lags = await readNamespaceConsumerLags(store.jsm, store.names);
  const consumers = await Promise.all(
    lags.map(async ({ stream, consumer, kind, lag }) => {
      const info = await store.jsm.consumers.info(stream, consumer).catch(() => null);
      return { stream, name: consumer, kind, lag, pending: info?.num_pending ?? null, ack_pending: info?.num_ack_pending ?? null, redelivered: info?.num_redelivered ?? null };
    }),
  );
  const jobsEnd = streams.find((s) => s.name === store.names.jobsStream)?.last_seq ?? 0;
  const status = await registry.send('projection-status', {});
  return {
    namespace: store.names.namespace,
    streams,
    consumers,
    projections: status.projections.map((p) => ({ name: p.name, checkpoint: p.checkpoint, lag: checkpointLag(jobsEnd, p.checkpoint), updated_at: p.updatedAt })),
    rebuild: status.rebuild,
    status_counts: status.statusCounts,
    series: status.series.map((point) => ({ minute: point.minute, completed: point.completed, failed: point.failed, mean_latency_ms: point.meanLatencyMs })),
  };
}
