import type { DataSource } from 'typeorm';
import { closeDatabase, openDatabase } from '../connection/open-database';
import { applyEventBatch } from '../projection/apply-event-batch';
import { EventLog, newJob } from '../testing/stored-events.fixture';
import { dropDatabase, freshDatabaseUrl } from '../testing/test-database';
import { readCheckpoint } from './read-checkpoint.query';
import { readJobEvents } from './read-job-events.query';

describe('job reads', () => {
  const url = freshDatabaseUrl('reads');
  const job = newJob();
  const other = newJob('project-b');
  const log = new EventLog();
  let ds: DataSource;

  beforeAll(async () => {
    ds = await openDatabase(url);
    log.submit(job);
    log.submit(other);
    log.complete(job);
    await applyEventBatch(ds, 'projector', log.events);
  });

  afterAll(async () => {
    await closeDatabase(ds);
    await dropDatabase(url);
  });

  const historyOf = (jobId: string) => log.events.filter((e) => e.event.metadata.jobId === jobId);

  it('readJobEvents rebuilds the stored events after a version, in version order', async () => {
    const all = await readJobEvents(ds, job.id, 0);

    expect(all).toEqual(historyOf(job.id));
    expect(typeof all[0]!.seq).toBe('number');
    expect((await readJobEvents(ds, job.id, 3)).map((e) => e.event.metadata.version)).toEqual([4, 5, 6]);
    expect(await readJobEvents(ds, job.id, 6)).toEqual([]);
    expect(await readJobEvents(ds, 'not-a-uuid', 0)).toEqual([]);
  });

  it('readCheckpoint returns the last applied sequence as a number, 0 for an unknown projection', async () => {
    expect(await readCheckpoint(ds, 'projector')).toBe(log.events.length);
    expect(await readCheckpoint(ds, 'never-ran')).toBe(0);
  });
});
