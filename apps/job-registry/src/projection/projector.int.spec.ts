import type { INestMicroservice } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { decodeEvent, ensureDurableConsumer } from '@jetjobs/event-store';
import { applyEventBatch, closeDatabase, openDatabase } from '@jetjobs/persistence';
import { dropTestDatabase, eventually, openTestEventStore, submitTestJob, testDatabaseUrl, testNatsUrl, type TestEventStore } from '@jetjobs/testing';
import type { StoredEvent } from '@jetjobs/contracts';
import { createRegistryApp } from '../registry-app';
import { loadRegistryConfig } from '../registry-config';
import { JOBS_PROJECTION } from './projector.service';

describe('projector', () => {
  let ctx: TestEventStore;
  let db: DataSource;
  let registry: INestMicroservice | null = null;
  const databases: DataSource[] = [];

  beforeAll(async () => {
    ctx = await openTestEventStore('proj');
    db = await openDatabase(testDatabaseUrl(ctx.names.namespace));
    databases.push(db);
    for (let i = 0; i < 4; i++) {
      await submitTestJob(ctx.store, {
        projectId: `p${i % 2}`,
        input: { i },
        more: [
          { type: 'JobStarted', data: { attempt: 1, workerId: 'w' } },
          { type: 'JobProgressed', data: { attempt: 1, progress: 50, detail: 'half', framesCompleted: 1, frameCount: 2 } },
          { type: 'JobCompleted', data: { attempt: 1, result: { i } } },
        ],
      });
    }
  });
  afterAll(async () => {
    await registry?.close();
    for (const database of databases) await dropDatabase(database);
    await ctx.dispose();
  });

  it('applies nothing twice when it dies between committing a batch and acking it', async () => {
    const spec = { stream: ctx.names.jobsStream, name: ctx.names.projectorConsumer, filterSubject: ctx.names.jobsWildcard };
    await ensureDurableConsumer(ctx.store.jsm, { ...spec, ackWaitMs: 1_000, maxDeliver: -1 });
    // The first life of the projector: fetch a batch, commit it, and die before acking.
    const consumer = await ctx.store.js.consumers.get(spec.stream, spec.name);
    const batch: StoredEvent[] = [];
    for await (const message of await consumer.fetch({ max_messages: 16, expires: 2_000 })) {
      batch.push(decodeEvent(message));
      if (message.info.pending === 0) break;
    }
    expect(batch).toHaveLength(16);
    await applyEventBatch(db, JOBS_PROJECTION, batch);

    // Its restart gets the same batch again (ack_wait passed) and must skip it.
    registry = await createRegistryApp({
      config: registryConfig(ctx.names.namespace),
      background: { dispatcher: false, projector: true },
      logger: false,
    });
    await registry.listen();
    await eventually(async () => {
      const info = await ctx.store.jsm.consumers.info(spec.stream, spec.name);
      // 16 first deliveries, then the same 16 again to the restarted projector, all acked.
      return info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.consumer_seq >= 32 ? true : undefined;
    });

    const [{ count }] = await db.query('SELECT count(*)::int AS count FROM job_events');
    expect(count).toBe(16);
    const rows = await db.query('SELECT status, version FROM jobs ORDER BY id');
    expect(rows).toEqual(Array.from({ length: 4 }, () => ({ status: 'completed', version: 4 })));
  });

  it('rebuilds byte-identical rows from sequence 1 into empty tables', async () => {
    const rebuilt = await openDatabase(testDatabaseUrl(`${ctx.names.namespace}_rebuild`));
    databases.push(rebuilt);
    const events: StoredEvent[] = [];
    for await (const stored of ctx.store.replay({ fromSeq: 1 })) events.push(stored);
    // Different batch boundaries than the live projector used, on purpose.
    for (let start = 0; start < events.length; start += 3) await applyEventBatch(rebuilt, JOBS_PROJECTION, events.slice(start, start + 3));

    for (const table of ['jobs', 'job_events', 'projection_checkpoints']) {
      expect(await dump(rebuilt, table)).toEqual(await dump(db, table));
    }
  });
});

function registryConfig(namespace: string) {
  return loadRegistryConfig({
    NATS_URL: testNatsUrl(),
    JETJOBS_NAMESPACE: namespace,
    DATABASE_URL: testDatabaseUrl(namespace),
    JETJOBS_PROJECTOR_ACK_WAIT_MS: '1000',
  });
}

/** Every column of every row, as text, in a stable order (timestamps of the checkpoint aside). */
async function dump(database: DataSource, table: string): Promise<string> {
  const columns = table === 'projection_checkpoints' ? 'name, last_seq' : '*';
  const rows = await database.query(`SELECT ${columns} FROM ${table}`);
  return rows.map((row: unknown) => JSON.stringify(row)).sort().join('\n');
}

async function dropDatabase(database: DataSource): Promise<void> {
  const name = String(database.driver.database);
  await closeDatabase(database);
  await dropTestDatabase(testDatabaseUrl(name));
}
