import type { INestMicroservice } from '@nestjs/common';
import { Client } from 'pg';
import type { JobEventBody } from '@jetjobs/contracts';
import { createRegistryApp, loadRegistryConfig } from '@jetjobs/job-registry';
import {
  dropTestDatabase,
  eventually,
  openTestEventStore,
  runCliProcess,
  startCliProcess,
  submitTestJob,
  testDatabaseUrl,
  testNatsUrl,
  type TestEventStore,
} from '@jetjobs/testing';

const started = (attempt = 1): JobEventBody => ({ type: 'JobStarted', data: { attempt, workerId: `worker-${attempt}` } });
const error = { code: 'decode_error', message: 'bad frame' };
/** Four shapes of history, so that every column and state is exercised. */
const HISTORIES: JobEventBody[][] = [
  [
    started(),
    { type: 'JobProgressed', data: { attempt: 1, progress: 33.3, detail: 'frames', framesCompleted: 1, frameCount: 3 } },
    { type: 'JobLogged', data: { attempt: 1, level: 'info', line: 'decoded "input" ✓' } },
    { type: 'JobOutputAdded', data: { attempt: 1, output: { clip: 1, score: 0.93 } } },
    { type: 'JobCompleted', data: { attempt: 1, result: { verdict: 'authentic' } } },
  ],
  [
    started(),
    { type: 'JobAttemptFailed', data: { attempt: 1, error } },
    { type: 'JobRetryScheduled', data: { attempt: 2, dueAt: '2026-01-01T00:00:00.000Z', reason: 'automatic', requestedBy: null } },
    started(2),
    { type: 'JobFailed', data: { attempt: 2, error } },
  ],
  [{ type: 'JobCancelled', data: { reason: 'no longer needed' } }],
  [started(), { type: 'JobProgressed', data: { attempt: 1, progress: 50, detail: null, framesCompleted: null, frameCount: null } }],
];

// The live registry projects into its database; the CLI rebuilds that database's tables.
describe('jetjobs projections rebuild', () => {
  let ctx: TestEventStore;
  let registry: INestMicroservice;
  let db: Client;
  let env: Record<string, string>;
  let jobCount = 0;

  beforeAll(async () => {
    ctx = await openTestEventStore('clirebuild');
    const namespace = ctx.names.namespace;
    env = { NATS_URL: testNatsUrl(), JETJOBS_NAMESPACE: namespace, DATABASE_URL: testDatabaseUrl(namespace) };
    registry = await createRegistryApp({
      config: loadRegistryConfig(env),
      background: { dispatcher: false, projector: true, webhooks: false },
      logger: false,
    });
    await registry.listen();
    db = new Client({ connectionString: env['DATABASE_URL'] });
    await db.connect();
    await fillJobs(300);
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await registry?.close();
    await dropTestDatabase(env['DATABASE_URL']!);
    await ctx.dispose();
  });

  /** Appends `n` jobs, ten at a time; one input holds a NUL, which jsonb cannot store as is. */
  async function fillJobs(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < n; start += 10) {
      const batch = Array.from({ length: Math.min(10, n - start) }, () => jobCount++).map((i) =>
        submitTestJob(ctx.store, { kind: i % 3 === 0 ? 'avf' : 'clipper', projectId: `p${i % 5}`, input: { i, text: i === 7 ? 'a\u0000b' : 'x' }, more: HISTORIES[i % 4] }),
      );
      ids.push(...(await Promise.all(batch)).map((job) => job.jobId));
    }
    return ids;
  }
  const streamEnd = async () => (await ctx.store.jsm.streams.info(ctx.names.jobsStream)).state.last_seq;
  const checkpoint = async () => Number((await db.query(`SELECT last_seq FROM projection_checkpoints WHERE name = 'jobs'`)).rows[0]?.last_seq ?? 0);
  const caughtUp = async () => {
    const end = await streamEnd();
    await eventually(async () => ((await checkpoint()) === end ? true : undefined), 30_000);
  };
  /** Every row of both tables, every column, as text, in key order, and the checkpoint. */
  const snapshot = async () => ({
    jobs: (await db.query('SELECT to_jsonb(t)::text AS row FROM jobs t ORDER BY id')).rows.map((r) => r.row as string),
    events: (await db.query('SELECT to_jsonb(t)::text AS row FROM job_events t ORDER BY stream_seq')).rows.map((r) => r.row as string),
    checkpoint: await checkpoint(),
  });
  const shadowCheckpoint = async () => {
    const found = await db.query(`SELECT to_regclass('jetjobs_rebuild.projection_checkpoints') IS NOT NULL AS present`);
    if (!found.rows[0].present) return 0;
    return Number((await db.query(`SELECT last_seq FROM jetjobs_rebuild.projection_checkpoints WHERE name = 'jobs'`)).rows[0]?.last_seq ?? 0);
  };
  const schemas = async () => (await db.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'jetjobs_%' ORDER BY 1`)).rows.map((r) => r.nspname);
  /** A read served by job-registry from the live tables. */
  const failedJobsViaRegistry = async () => {
    const result = await runCliProcess(['failures', '--json', '--limit', '500'], env);
    expect(result.code).toBe(0);
    return result.stdout.trim().split('\n').map((line) => JSON.parse(line).id as string).sort();
  };

  it('rebuilds rows identical to the live ones after they were corrupted and a table dropped', async () => {
    await caughtUp();
    const before = await snapshot();
    expect(before.jobs).toHaveLength(300);
    await db.query(`UPDATE jobs SET status = 'corrupt', state = state - 'logs' WHERE id IN (SELECT id FROM jobs ORDER BY id LIMIT 50)`);
    await db.query('DROP TABLE job_events');

    const result = await runCliProcess(['projections', 'rebuild'], env);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`verified: jobs 300 rows \\(checksum [0-9a-f]{16}\\), job_events ${before.events.length.toLocaleString('en-US')} rows`));
    expect(result.stderr).toMatch(/rebuild .*100%/);
    expect(await snapshot()).toEqual(before);
    expect(await schemas()).toEqual([]);
    const status = JSON.parse((await runCliProcess(['projections', 'status', '--json'], env)).stdout);
    expect(status.projections).toContainEqual(expect.objectContaining({ name: 'jobs', checkpoint: before.checkpoint, lag: 0 }));
    expect(status.rebuild).toBeNull();

    // The live projector carries on from the swapped-in checkpoint: new events land, none twice.
    const later = await fillJobs(4);
    await caughtUp();
    for (const id of later) {
      const row = (await db.query('SELECT state FROM jobs WHERE id = $1', [id])).rows[0];
      expect(row.state).toEqual((await ctx.store.load(id)).state);
    }
    const { rows } = await db.query('SELECT count(*)::int AS n FROM job_events');
    expect(rows[0].n).toBe((await streamEnd()));
  });

  it('keeps serving from the old tables while it runs, survives a kill midway, and a rerun finishes it', async () => {
    await caughtUp();
    const failedBefore = await failedJobsViaRegistry();
    const cli = startCliProcess(['projections', 'rebuild', '--batch-size', '20', '--max-rate', '400'], env);
    const midway = await eventually(async () => ((await shadowCheckpoint()) > 0 ? shadowCheckpoint() : undefined));

    expect(await failedJobsViaRegistry()).toEqual(failedBefore);
    await fillJobs(10); // events that arrive while the rebuild runs
    cli.child.kill('SIGKILL');
    await cli.exited;
    const stoppedAt = await shadowCheckpoint();
    expect(stoppedAt).toBeGreaterThanOrEqual(midway);
    expect(stoppedAt).toBeLessThan(await streamEnd());
    const status = JSON.parse((await runCliProcess(['projections', 'status', '--json'], env)).stdout);
    expect(status.rebuild).toEqual({ checkpoint: stoppedAt });

    await caughtUp();
    const live = await snapshot();
    const rerun = await runCliProcess(['projections', 'rebuild'], env);

    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain(`resuming the unfinished rebuild after sequence ${stoppedAt}`);
    expect(await snapshot()).toEqual(live);
    expect(await schemas()).toEqual([]);
  });
});
