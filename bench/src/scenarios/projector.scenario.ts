import { randomBytes } from 'node:crypto';
import type { StoredEvent } from '@jetjobs/contracts';
import { names } from '@jetjobs/contracts';
import { connectNats, consumeInBatches, decodeEvent, ensureDurableConsumer, EventStore } from '@jetjobs/event-store';
import { applyEventsInOrder, closeDatabase, openDatabase } from '@jetjobs/persistence';
import { Client } from 'pg';
import { round } from '../common/stats';

export interface ProjectorResult {
  readonly events: number;
  readonly eventsPerSecond: number;
}

/**
 * Replays a namespace's whole event stream through the projector's own code path (batched durable
 * consumption, rows and checkpoint in one transaction per batch) into a fresh database.
 */
export async function runProjector(natsUrl: string, postgresUrl: string, namespace: string, batch = 500): Promise<ProjectorResult> {
  const nc = await connectNats(natsUrl, 'bench-projector');
  const store = await EventStore.open(nc, names(namespace));
  const total = (await store.jsm.streams.info(store.names.jobsStream)).state.messages;
  const dbName = `${namespace}_proj_${randomBytes(3).toString('hex')}`;
  const url = new URL(postgresUrl);
  url.pathname = `/${dbName}`;
  const db = await openDatabase(url.toString());
  const consumer = `bench-projector-${randomBytes(3).toString('hex')}`;
  await ensureDurableConsumer(store.jsm, { stream: store.names.jobsStream, name: consumer, filterSubject: store.names.jobsWildcard, ackWaitMs: 60_000, maxDeliver: -1, maxAckPending: 10_000 });
  const controller = new AbortController();
  let applied = 0;
  const started = performance.now();
  await consumeInBatches(store.js, store.names.jobsStream, consumer, async (messages) => {
    const events: StoredEvent[] = messages.map((m) => decodeEvent(m));
    // What the projector itself calls: applied in stream order, anything behind a gap handed back.
    const result = await applyEventsInOrder(db, 'jobs', { events });
    const deferred = new Set(result.deferred);
    messages.forEach((m) => (deferred.has(m.seq) ? m.nak() : m.ack()));
    applied += result.applied;
    if (applied >= total) controller.abort();
  }, { maxBatch: batch, signal: controller.signal });
  const wallMs = performance.now() - started;
  await store.jsm.consumers.delete(store.names.jobsStream, consumer);
  await closeDatabase(db);
  await nc.drain();
  const admin = new Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
  return { events: applied, eventsPerSecond: round((applied / wallMs) * 1000) };
}
