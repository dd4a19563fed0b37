import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { closeDatabase, openDatabase } from '../connection/open-database';
import { CreateWebhookTables1767330000000 } from '../migrations/1767330000000-create-webhook-tables.migration';
import { dropDatabase, freshDatabaseUrl } from '../testing/test-database';
import { claimWebhookAttempt, type WebhookAttemptClaim } from './claim-webhook-attempt';
import { ensureWebhookSecret } from './ensure-webhook-secret';
import { finishWebhookAttempt } from './finish-webhook-attempt';
import { latestWebhookAttempt } from './latest-webhook-attempt.query';
import { listWebhookDeliveries } from './list-webhook-deliveries.query';

describe('webhook deliveries and secrets in PostgreSQL', () => {
  const url = freshDatabaseUrl('hooks');
  let ds: DataSource;

  beforeAll(async () => {
    ds = await openDatabase(url);
  });
  afterAll(async () => {
    await closeDatabase(ds);
    await dropDatabase(url);
  });

  const claimFor = (jobId: string, attempt: number, overrides: Partial<WebhookAttemptClaim> = {}): WebhookAttemptClaim => ({
    id: `evt-${jobId}`,
    jobId,
    projectId: 'p',
    url: 'https://hooks.example/x',
    eventType: 'JobCompleted',
    eventVersion: 4,
    attempt,
    attemptedAt: new Date('2026-01-01T00:00:00.000Z'),
    ...overrides,
  });
  const failure = (nextAttemptAt: Date | null) => ({
    state: nextAttemptAt ? ('pending' as const) : ('failed' as const),
    statusCode: 500,
    error: 'HTTP 500',
    durationMs: 7,
    deliveredAt: null,
    nextAttemptAt,
  });

  it('claims each attempt once, so two consumers never send the same one', async () => {
    const jobId = randomUUID();
    const results = await Promise.all([claimWebhookAttempt(ds, claimFor(jobId, 1)), claimWebhookAttempt(ds, claimFor(jobId, 1))]);
    expect(results.sort()).toEqual([false, true]);
    // Same job event and attempt under another message id is the same attempt too.
    expect(await claimWebhookAttempt(ds, claimFor(jobId, 1, { id: 'other' }))).toBe(false);
    expect(await latestWebhookAttempt(ds, jobId, 4)).toMatchObject({ attempt: 1, state: 'pending', statusCode: null, nextAttemptAt: null });
  });

  it('records outcomes and returns the attempts oldest first, the latest on its own', async () => {
    const jobId = randomUUID();
    const retryAt = new Date('2026-01-01T00:00:05.000Z');
    await claimWebhookAttempt(ds, claimFor(jobId, 1));
    await finishWebhookAttempt(ds, `evt-${jobId}`, 1, failure(retryAt));
    await claimWebhookAttempt(ds, claimFor(jobId, 2));
    const deliveredAt = new Date('2026-01-01T00:00:06.000Z');
    await finishWebhookAttempt(ds, `evt-${jobId}`, 2, { state: 'delivered', statusCode: 204, error: null, durationMs: 3, deliveredAt, nextAttemptAt: null });

    const list = await listWebhookDeliveries(ds, jobId);
    expect(list.map((a) => [a.attempt, a.state, a.statusCode, a.nextAttemptAt, a.deliveredAt])).toEqual([
      [1, 'pending', 500, retryAt.toISOString(), null],
      [2, 'delivered', 204, null, deliveredAt.toISOString()],
    ]);
    expect(list[0]).toMatchObject({ id: `evt-${jobId}`, jobId, url: 'https://hooks.example/x', eventType: 'JobCompleted', eventVersion: 4, error: 'HTTP 500', durationMs: 7 });
    expect(await latestWebhookAttempt(ds, jobId, 4)).toEqual(list[1]);
    expect(await latestWebhookAttempt(ds, jobId, 5)).toBeNull();
    expect(await listWebhookDeliveries(ds, 'not-a-uuid')).toEqual([]);
  });

  it('refuses a second successful delivery of one event', async () => {
    const jobId = randomUUID();
    const delivered = { state: 'delivered' as const, statusCode: 200, error: null, durationMs: 1, deliveredAt: new Date(), nextAttemptAt: null };
    await claimWebhookAttempt(ds, claimFor(jobId, 1));
    await finishWebhookAttempt(ds, `evt-${jobId}`, 1, delivered);
    await claimWebhookAttempt(ds, claimFor(jobId, 2));
    await expect(finishWebhookAttempt(ds, `evt-${jobId}`, 2, delivered)).rejects.toMatchObject({ code: '23505' });
    // A later terminal event of the same job (after a manual retry) is a delivery of its own.
    await claimWebhookAttempt(ds, claimFor(jobId, 1, { id: `evt2-${jobId}`, eventVersion: 9 }));
    await expect(finishWebhookAttempt(ds, `evt2-${jobId}`, 1, delivered)).resolves.toBeUndefined();
  });

  it('keeps the first secret of a project, even when replicas race to create it', async () => {
    const created = await Promise.all(['whsec_a', 'whsec_b', 'whsec_c'].map((candidate) => ensureWebhookSecret(ds, 'racing', candidate)));
    expect(new Set(created).size).toBe(1);
    expect(await ensureWebhookSecret(ds, 'racing', 'whsec_later')).toBe(created[0]);
    expect(await ensureWebhookSecret(ds, 'another', 'whsec_d')).toBe('whsec_d');
  });

  it('drops both tables in its down migration and makes them again in its up', async () => {
    const tables = async (): Promise<number> => {
      const rows: { n: number }[] = await ds.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('webhook_deliveries', 'webhook_secrets')`,
      );
      return rows[0]!.n;
    };
    // Run directly: later migrations follow this one, so "undo the last" would undo another.
    const runner = ds.createQueryRunner();
    try {
      await new CreateWebhookTables1767330000000().down(runner);
      expect(await tables()).toBe(0);
      await new CreateWebhookTables1767330000000().up(runner);
      expect(await tables()).toBe(2);
    } finally {
      await runner.release();
    }
  });
});
