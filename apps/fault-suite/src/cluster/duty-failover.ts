import type { EventStore } from '@jetjobs/event-store';

/** The registry's duties that consume the job stream, by the durable consumer they share. */
export const STREAM_DUTIES = {
  projector: (store: EventStore) => store.names.projectorConsumer,
  dispatcher: (store: EventStore) => store.names.dispatcherConsumer,
  webhooks: (store: EventStore) => store.names.webhookConsumer,
} as const;

export type StreamDuty = keyof typeof STREAM_DUTIES;

const POLL_MS = 100;

/**
 * How long each duty took, after a registry replica died, to have acknowledged every event the
 * stream held at that moment: whatever the dead replica had taken and not acked comes back to
 * the survivor only when its ack wait ends, so this is the duty's failover time (a replica that
 * held nothing shows only the duty's usual lag). Resolves once every duty is past `seq`.
 */
export async function dutyFailover(store: EventStore, seq: number, since: number, timeoutMs: number): Promise<Map<StreamDuty, number>> {
  const deadline = Date.now() + timeoutMs;
  const done = new Map<StreamDuty, number>();
  const duties = Object.keys(STREAM_DUTIES) as StreamDuty[];
  while (done.size < duties.length && Date.now() < deadline) {
    for (const duty of duties.filter((d) => !done.has(d))) {
      const info = await store.jsm.consumers.info(store.names.jobsStream, STREAM_DUTIES[duty](store)).catch(() => null);
      if (info !== null && info.ack_floor.stream_seq >= seq) done.set(duty, Date.now() - since);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const late = duties.filter((duty) => !done.has(duty));
  if (late.length > 0) throw new Error(`${late.join(', ')} did not get past stream sequence ${seq} within ${timeoutMs} ms of the kill`);
  return done;
}
