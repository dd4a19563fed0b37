import type { DataSource } from 'typeorm';
import type { JobView, StoredEvent } from '@jetjobs/contracts';
import { fold } from '@jetjobs/job-domain';
import { closeDatabase, openDatabase } from '../connection/open-database';
import { readCheckpoint } from '../queries/read-checkpoint.query';
import { EventLog, newJob } from '../testing/stored-events.fixture';
import { dropDatabase, freshDatabaseUrl, snapshotTables } from '../testing/test-database';
import { applyEventBatch } from './apply-event-batch';

const PROJECTION = 'projector';

/** Three jobs in every terminal state, their events interleaved as a stream would hold them. */
function mixedHistory(): EventLog {
  const log = new EventLog();
  const [done, failed, cancelled] = [newJob(), newJob('project-a', 'moderation'), newJob('project-b')];
  log.submit(done!);
  log.submit(failed!);
  log.complete(done!);
  log.submit(cancelled!);
  log.fail(failed!);
  log.cancel(cancelled!);
  return log;
}

describe('applyEventBatch', () => {
  const urls: string[] = [];
  const opened: DataSource[] = [];
  const open = async (): Promise<DataSource> => {
    const url = freshDatabaseUrl('apply');
    urls.push(url);
    const db = await openDatabase(url);
    opened.push(db);
    return db;
  };
  let ds: DataSource;

  beforeEach(async () => {
    ds = await open();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map(closeDatabase));
    for (const url of urls.splice(0)) await dropDatabase(url);
  });

  it('projects job rows equal to the fold of their events, and every event', async () => {
    const log = mixedHistory();

    const result = await applyEventBatch(ds, PROJECTION, log.events);

    expect(result).toEqual({ applied: log.events.length, skipped: 0, lastSeq: log.events.length });
    const rows: { id: string; status: string; version: number; last_seq: string; state: JobView }[] = await ds.query(
      'SELECT id, status, version, last_seq, state FROM jobs ORDER BY id',
    );
    const expected = jobIds(log.events).map((id) => {
      const history = log.events.filter((e) => e.event.metadata.jobId === id);
      const state = fold(history.map((e) => e.event)) as JobView;
      return { id, status: state.status, version: state.version, last_seq: String(history.at(-1)!.seq), state };
    });
    expect(rows).toEqual(expected);
    expect(rows.map((r) => r.status).sort()).toEqual(['cancelled', 'completed', 'failed']);

    const events: { stream_seq: string; job_id: string; version: number; type: string; data: unknown }[] =
      await ds.query('SELECT stream_seq, job_id, version, type, data FROM job_events ORDER BY stream_seq');
    expect(events).toEqual(
      log.events.map(({ seq, event }) => ({
        stream_seq: String(seq),
        job_id: event.metadata.jobId,
        version: event.metadata.version,
        type: event.type,
        data: event.data,
      })),
    );
    expect(await readCheckpoint(ds, PROJECTION)).toBe(log.events.length);
  });

  it('applies nothing when a batch is delivered again', async () => {
    const log = mixedHistory();
    await applyEventBatch(ds, PROJECTION, log.events);
    const before = await snapshotTables(ds);

    const again = await applyEventBatch(ds, PROJECTION, log.events);

    expect(again).toEqual({ applied: 0, skipped: log.events.length, lastSeq: log.events.length });
    expect(await snapshotTables(ds)).toEqual(before);
  });

  it('applies only the part of a batch past the checkpoint', async () => {
    const log = mixedHistory();
    await applyEventBatch(ds, PROJECTION, log.events.slice(0, 8));

    const result = await applyEventBatch(ds, PROJECTION, log.events.slice(5));

    expect(result).toEqual({ applied: log.events.length - 8, skipped: 3, lastSeq: log.events.length });
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM job_events');
    expect(n).toBe(log.events.length);
    const reference = await open();
    await applyEventBatch(reference, PROJECTION, log.events);
    expect(await snapshotTables(ds).then(withoutCheckpoints)).toEqual(
      await snapshotTables(reference).then(withoutCheckpoints),
    );
  });

  it('keeps separate checkpoints per projection', async () => {
    const log = mixedHistory();
    await applyEventBatch(ds, PROJECTION, log.events.slice(0, 3));

    expect(await readCheckpoint(ds, PROJECTION)).toBe(3);
    expect(await readCheckpoint(ds, 'other')).toBe(0);
  });

  it('leaves rows and checkpoint untouched when the batch fails part-way', async () => {
    const log = mixedHistory();
    await applyEventBatch(ds, PROJECTION, log.events.slice(0, 4));
    const before = await snapshotTables(ds);
    const valid = log.events.slice(4, 9);
    // Same job and version as an event already projected, under a new sequence: the stream would
    // never hold both, and the primary key refuses it after the valid events were written.
    const clash: StoredEvent = { seq: 10_000, event: log.events[0]!.event };

    await expect(applyEventBatch(ds, PROJECTION, [...valid, clash])).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23505', constraint: 'job_events_pkey' }),
    });

    expect(await snapshotTables(ds)).toEqual(before);
    expect(await readCheckpoint(ds, PROJECTION)).toBe(4);
  });

  it('rolls back the events already inserted when the job upsert fails', async () => {
    const log = new EventLog();
    const job = newJob();
    log.submit(job);
    // Valid JSON for job_events, but `jobs.attempt` is an integer column: the upsert, the batch's
    // last write, is the statement that fails.
    const broken = log.append(job, { type: 'JobStarted', data: { attempt: 1.5, workerId: 'w' } });
    const before = await snapshotTables(ds);

    await expect(applyEventBatch(ds, PROJECTION, log.events)).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '22P02' }),
    });

    expect(broken.seq).toBe(2);
    expect(await snapshotTables(ds)).toEqual(before);
    expect(await readCheckpoint(ds, PROJECTION)).toBe(0);
  });

  it('gives byte-identical rows whatever the batch boundaries', async () => {
    const log = mixedHistory();
    const other = await open();

    await applyEventBatch(ds, PROJECTION, log.events);
    const bounds = [0, 1, 3, 6, 11, log.events.length];
    for (let i = 1; i < bounds.length; i++) {
      await applyEventBatch(other, PROJECTION, log.events.slice(bounds[i - 1], bounds[i]));
    }

    const [whole, split] = await Promise.all([snapshotTables(ds), snapshotTables(other)]);
    expect(JSON.stringify(withoutCheckpoints(split))).toBe(JSON.stringify(withoutCheckpoints(whole)));
    expect(whole.jobs).toHaveLength(3);
    expect(whole.job_events).toHaveLength(log.events.length);
  });
});

function jobIds(events: readonly StoredEvent[]): string[] {
  return [...new Set(events.map((e) => e.event.metadata.jobId))].sort();
}

function withoutCheckpoints(snapshot: Record<string, string[]>): Record<string, string[]> {
  return { jobs: snapshot['jobs']!, job_events: snapshot['job_events']! };
}
