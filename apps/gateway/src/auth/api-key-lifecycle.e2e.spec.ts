import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { createGatewayApp } from '../gateway-app';
import { errorOf, jsonPost, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';

const RUN_CLI = resolve(__dirname, '../../../../tools/dev/run-cli.mjs');

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI as an operator runs it (`npm run -s cli -- …`), in its own process. */
function cli(env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  return new Promise((done) => {
    execFile(process.execPath, [RUN_CLI, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

// The real registry and gateway in one namespace; the gateway's API-key cache is off (0 ms), so a
// revocation shows at once. Keys are created, listed and revoked by spawning the CLI.
describe('API keys: create, use, list and revoke through the CLI', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let env: Record<string, string>;
  beforeAll(async () => {
    gw = await startTestGateway('gwkeys', { JETJOBS_API_KEY_CACHE_MS: '0' });
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    env = { NATS_URL: gw.config.NATS_URL, JETJOBS_NAMESPACE: gw.config.JETJOBS_NAMESPACE };
  }, 60_000);
  afterAll(async () => {
    await gw.close();
    await registry?.close();
  });

  it('prints a key once, which then works, is listed without its secret, and stops working when revoked', async () => {
    const created = await cli(env, 'api-key', 'create', '--project', 'project-k', '--scope', 'job:read job:write', '--name', 'ci deploys');
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^jj_[0-9a-f]{16}_[A-Za-z0-9_-]{43}\n$/);
    const key = created.stdout.trim();
    const [, keyId, secret] = /^jj_([0-9a-f]{16})_(.+)$/.exec(key)!;

    const submitted = await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: {} }, key));
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    const job = await gw.request(`/v1/jobs/${id}`, { token: key });
    expect(job.status).toBe(200);
    expect(await job.json()).toMatchObject({ id, status: 'queued' });
    // The key acts for its project: that project sees the job, another does not.
    expect((await gw.request(`/v1/jobs/${id}`, { token: gw.token(['job:read'], 'project-k') })).status).toBe(200);
    const foreign = await gw.request(`/v1/jobs/${id}`, { token: gw.token(['job:read'], 'project-other') });
    expect(foreign.status).toBe(404);

    const listed = await cli(env, 'api-key', 'list', '--project', 'project-k');
    expect(listed.code).toBe(0);
    const [header, row, ...others] = listed.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID +NAME +PREFIX +SCOPES +CREATED +LAST USED +STATUS$/);
    expect(row).toContain(keyId);
    expect(row).toContain('ci deploys');
    expect(row).toMatch(/active$/);
    expect(others).toEqual([]);
    const asJson = await cli(env, 'api-key', 'list', '--project', 'project-k', '--json');
    const [view] = JSON.parse(asJson.stdout) as Record<string, unknown>[];
    expect(view).toMatchObject({ id: keyId, projectId: 'project-k', name: 'ci deploys', scopes: ['job:read', 'job:write'], revokedAt: null });
    expect(view!['lastUsedAt']).toEqual(expect.any(String));
    expect(Object.keys(view!).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'projectId', 'revokedAt', 'scopes']);

    const revoked = await cli(env, 'api-key', 'revoke', keyId!);
    expect(revoked).toMatchObject({ code: 0, stderr: '' });
    expect(revoked.stdout).toMatch(new RegExp(`^Revoked API key ${keyId} \\(ci deploys\\) at \\S+\\n$`));
    const refused = await gw.request('/v1/jobs', { token: key });
    expect(await errorOf(refused)).toEqual({ status: 401, code: 'unauthorized', message: 'Invalid or revoked API key' });
    expect((await cli(env, 'api-key', 'list', '--project', 'project-k')).stdout).toMatch(/revoked \S+\n$/);

    // Nothing the CLI or the gateway printed after creation repeats the secret.
    for (const text of [listed.stdout, asJson.stdout, revoked.stdout, JSON.stringify(await errorOf(await gw.request('/v1/jobs', { token: key })))]) {
      expect(text).not.toContain(secret);
    }
  }, 120_000);

  it('keeps a verified key for the cache period, so revocation reaches a caching gateway within it', async () => {
    const caching = await createGatewayApp({ ...gw.config, JETJOBS_API_KEY_CACHE_MS: 600_000 }, { logger: ['error'] });
    await caching.listen(0, '127.0.0.1');
    try {
      const url = await caching.getUrl();
      const key = (await cli(env, 'api-key', 'create', '--project', 'project-c', '--scope', 'job:read')).stdout.trim();
      const list = () => fetch(`${url}/v1/jobs`, { headers: { authorization: `Bearer ${key}` } });
      expect((await list()).status).toBe(200);
      await cli(env, 'api-key', 'revoke', key.slice(3, 19));

      expect((await list()).status).toBe(200);
      expect((await gw.request('/v1/jobs', { token: key })).status).toBe(401);
    } finally {
      await caching.close();
    }
  }, 120_000);

  it('explains every failure in one line on stderr, with a non-zero exit and nothing on stdout', async () => {
    const cases: [string[], Record<string, string>, number, RegExp][] = [
      [['api-key', 'revoke', 'ffffffffffffffff'], env, 1, /No API key with id ffffffffffffffff/],
      [['api-key', 'revoke', 'not-an-id'], env, 2, /"not-an-id" is not a key id/],
      [['api-key', 'create', '--project', 'p'], env, 2, /--scope "<scopes>" is required/],
      [['api-key', 'create', '--project', 'p', '--scope', 'root'], env, 2, /unknown scope root/],
      [['api-key', 'create', '--project', 'p', '--scope', 'job:read admin'], env, 2, /admin cannot be granted to an API key/],
      [['api-key', 'list'], env, 2, /--project <id> is required/],
      [['api-key', 'frob'], env, 2, /unknown subcommand "frob"/],
      [['api-key', 'list', '--project', 'p'], { ...env, JETJOBS_NAMESPACE: 'nobody_listens_here' }, 1, /job-registry/],
    ];
    for (const [args, runEnv, code, message] of cases) {
      const run = await cli(runEnv, ...args);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code, stdout: '' });
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  }, 120_000);

  it('has help for the command and each subcommand', async () => {
    for (const args of [['api-key', '--help'], ['api-key', 'create', '--help'], ['api-key', 'list', '--help'], ['api-key', 'revoke', '--help']]) {
      const run = await cli(env, ...args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: jetjobs api-key/);
    }
  }, 120_000);
});
