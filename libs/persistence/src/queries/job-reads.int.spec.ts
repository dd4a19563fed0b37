import type { DataSource } from 'typeorm';
import { closeDatabase, openDatabase } from '../connection/open-database';
import { applyEventBatch } from '../projection/apply-event-batch';
import { EventLog, newJob } from '../testing/stored-events.fixture';
import { dropDatabase, freshDatabaseUrl } from '../testing/test-database';
import { readCheckpoint } from './read-checkpoint.query';
import { readJobHistories } from './read-job-histories.query';

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

  it('readJobHistories gives each job its events of the asked types, in version order, in one query', async () => {
    const types = ['JobSubmitted', 'JobStarted', 'JobCompleted'];
    const histories = await readJobHistories(ds, [job.id, other.id, '00000000-0000-4000-8000-000000000000'], types);

    const expected = historyOf(job.id).filter(({ event }) => types.includes(event.type));
    expect(expected.length).toBeGreaterThan(1);
    expect(histories.get(job.id)).toEqual(
      expected.map(({ event }) => ({ version: event.metadata.version, type: event.type, occurredAt: new Date(event.metadata.occurredAt), data: event.data })),
    );
    expect(histories.get(other.id)?.map((e) => e.type)).toEqual(['JobSubmitted']);
    expect(histories.has('00000000-0000-4000-8000-000000000000')).toBe(false);
    expect(await readJobHistories(ds, [job.id], ['JobCancelled'])).toEqual(new Map());
  });

  it('readCheckpoint returns the last applied sequence as a number, 0 for an unknown projection', async () => {
    expect(await readCheckpoint(ds, 'projector')).toBe(log.events.length);
    expect(await readCheckpoint(ds, 'never-ran')).toBe(0);
  });
});
