import type { DataSource } from 'typeorm';
import { closeDatabase, openDatabase } from '../connection/open-database';
import { readCheckpoint } from '../queries/read-checkpoint.query';
import { EventLog, newJob } from '../testing/stored-events.fixture';
import { dropDatabase, freshDatabaseUrl, snapshotTables } from '../testing/test-database';
import { applyEventBatch } from './apply-event-batch';
import { applyEventsInOrder, contiguousRun } from './apply-events-in-order';

const PROJECTION = 'projector';

function history(): EventLog {
  const log = new EventLog();
  const [a, b] = [newJob(), newJob()];
  log.submit(a!);
  log.submit(b!);
  log.complete(a!);
  log.fail(b!);
  return log;
}

describe('applyEventsInOrder', () => {
  const url = freshDatabaseUrl('inorder');
  let ds: DataSource;
  beforeEach(async () => {
    ds = await openDatabase(url);
  });
  afterEach(async () => {
    await closeDatabase(ds);
    await dropDatabase(url);
  });

  it('defers events behind a missing sequence, so a batch redelivered late is still applied', async () => {
    const log = history();
    const [first, later] = [log.events.slice(0, 2), log.events.slice(2)];
    const early = await applyEventsInOrder(ds, PROJECTION, { events: later });
    expect(early).toMatchObject({ applied: 0, lastSeq: 0, deferred: later.map((e) => e.seq) });
    expect(await readCheckpoint(ds, PROJECTION)).toBe(0);

    await applyEventsInOrder(ds, PROJECTION, { events: first });
    const rest = await applyEventsInOrder(ds, PROJECTION, { events: later });

    expect(rest).toMatchObject({ applied: later.length, deferred: [] });
    const referenceUrl = freshDatabaseUrl('inorder_ref');
    const reference = await openDatabase(referenceUrl);
    try {
      await applyEventBatch(reference, PROJECTION, log.events);
      // Checkpoints differ only in when they were written.
      const rows = async (db: DataSource) => ({ ...(await snapshotTables(db)), projection_checkpoints: [] });
      expect(await rows(ds)).toEqual(await rows(reference));
      expect(await readCheckpoint(ds, PROJECTION)).toBe(log.events.length);
    } finally {
      await closeDatabase(reference);
      await dropDatabase(referenceUrl);
    }
  });

  it('moves over sequences without a valid event and over events that aged out of the stream', () => {
    const log = history();
    const [, second, third, fourth] = log.events;
    expect(contiguousRun(1, { events: [third!, fourth!], skippedSeqs: [second!.seq] })).toEqual({ events: [third, fourth], lastSeq: 4, deferred: [] });
    expect(contiguousRun(0, { events: [third!, fourth!], streamFirstSeq: 3 })).toEqual({ events: [third, fourth], lastSeq: 4, deferred: [] });
    expect(contiguousRun(0, { events: [third!], skippedSeqs: [fourth!.seq] })).toEqual({ events: [], lastSeq: 0, deferred: [3, 4] });
  });
});
