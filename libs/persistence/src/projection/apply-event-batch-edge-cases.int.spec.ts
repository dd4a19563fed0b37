import type { DataSource } from 'typeorm';
import type { JobView } from '@jetjobs/contracts';
import { closeDatabase, openDatabase } from '../connection/open-database';
import { readCheckpoint } from '../queries/read-checkpoint.query';
import { EventLog, newJob } from '../testing/stored-events.fixture';
import { dropDatabase, freshDatabaseUrl } from '../testing/test-database';
import { applyEventBatch } from './apply-event-batch';

describe('applyEventBatch edge cases', () => {
  const url = freshDatabaseUrl('edge');
  // One stream for the whole file: stream sequences are unique across projections.
  const log = new EventLog();
  let ds: DataSource;

  beforeAll(async () => {
    ds = await openDatabase(url);
  });

  afterAll(async () => {
    await closeDatabase(ds);
    await dropDatabase(url);
  });

  it('applies each event once when consumers deliver overlapping batches concurrently', async () => {
    for (let i = 0; i < 4; i++) {
      const job = newJob();
      log.submit(job);
      log.complete(job);
    }

    const results = await Promise.all([
      applyEventBatch(ds, 'concurrent', log.events),
      applyEventBatch(ds, 'concurrent', log.events.slice(0, 16)),
      applyEventBatch(ds, 'concurrent', log.events.slice(6)),
    ]);

    expect(results.reduce((sum, r) => sum + r.applied, 0)).toBe(log.events.length);
    expect(await readCheckpoint(ds, 'concurrent')).toBe(log.events.length);
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM job_events WHERE job_id = ANY($1)', [
      [...new Set(log.events.map((e) => e.event.metadata.jobId))],
    ]);
    expect(n).toBe(log.events.length);
  });

  it('stores input that jsonb cannot hold verbatim instead of stalling the projection', async () => {
    const job = newJob();
    const submitted = log.append(job, { type: 'JobSubmitted', data: { input: { 'name\u0000': 'a\u0000b\ud800' }, webhookUrl: null } });

    await expect(applyEventBatch(ds, 'hostile', [submitted])).resolves.toMatchObject({ applied: 1 });

    const [row]: { state: JobView }[] = await ds.query('SELECT state FROM jobs WHERE id = $1', [job.id]);
    expect(row!.state.input).toEqual({ 'name\ufffd': 'a\ufffdb\ufffd' });
  });
});
