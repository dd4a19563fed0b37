import type { INestMicroservice } from '@nestjs/common';
import { Client } from 'pg';
import { createRegistryApp, loadRegistryConfig } from '@jetjobs/job-registry';
import { openTestEventStore, testDatabaseUrl, testNatsUrl, testPostgresUrl, type TestEventStore } from '@jetjobs/testing';
import type { CommandIo } from '../command';
import { runCli } from '../main';
import { UsageError } from '../usage-error';

describe('jetjobs webhook-secret against a running job-registry', () => {
  let ctx: TestEventStore;
  let registry: INestMicroservice;
  let output: string;
  let io: CommandIo;

  beforeAll(async () => {
    ctx = await openTestEventStore('cliwh');
    const { namespace } = ctx.names;
    registry = await createRegistryApp({
      config: loadRegistryConfig({ NATS_URL: testNatsUrl(), JETJOBS_NAMESPACE: namespace, DATABASE_URL: testDatabaseUrl(namespace) }),
      background: { dispatcher: false, projector: false, webhooks: false },
      logger: false,
    });
    await registry.listen();
  }, 30_000);
  afterAll(async () => {
    await registry?.close();
    await dropDatabase(testDatabaseUrl(ctx.names.namespace));
    await ctx.dispose();
  });
  beforeEach(() => {
    output = '';
    io = { env: { NATS_URL: testNatsUrl(), JETJOBS_NAMESPACE: ctx.names.namespace }, cwd: process.cwd(), stdout: (text) => (output += text) };
  });

  it('prints only the project secret, made on first use and the same afterwards', async () => {
    expect(await runCli(['webhook-secret', '--project', 'p1'], io)).toBe(0);
    const first = output;
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{43}=\n$/);
    output = '';
    await runCli(['webhook-secret', '--project', 'p1'], io);
    expect(output).toBe(first);
    output = '';
    await runCli(['webhook-secret', '--project', 'p2'], io);
    expect(output).not.toBe(first);
  });

  it('says so in one line when no registry answers in the namespace', async () => {
    const elsewhere = { ...io, env: { ...io.env, JETJOBS_NAMESPACE: `${ctx.names.namespace}_none` } };
    await expect(runCli(['webhook-secret', '--project', 'p1'], elsewhere)).rejects.toThrow(/^No job-registry is running in namespace ".*_none"/);
    expect(output).toBe('');
  });

  it('needs --project', async () => {
    await expect(runCli(['webhook-secret'], io)).rejects.toThrow(UsageError);
    await expect(runCli(['webhook-secret', '--help'], io)).resolves.toBe(0);
    expect(output).toContain('whsec_');
  });
});

async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const client = new Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
