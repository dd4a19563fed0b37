import { SCOPES } from '@jetjobs/auth';
import { startCliProcess, testNatsUrl } from '@jetjobs/testing';
import { clientOf, submitJob } from '../support/api';
import { startPlatform, type TestPlatform } from '../support/platform';

// Each CLI run is a fresh Node process (about a second on a loaded machine); several run per test.
jest.setTimeout(90_000);

describe('operator commands over the gateway admin API (no NATS access)', () => {
  let platform: TestPlatform;
  let env: Record<string, string>;
  beforeAll(async () => {
    platform = await startPlatform('opsgw');
    await platform.startWorker();
    // NATS_URL points nowhere: a command that reached for NATS would fail instead of passing.
    env = { NATS_URL: 'nats://127.0.0.1:1', JETJOBS_TOKEN: '', JETJOBS_API_KEY: '', JETJOBS_GATEWAY: '', JETJOBS_CONFIG_DIR: '/nonexistent' };
  });
  afterAll(() => platform.close());

  const cli = (args: string[], token = platform.token('ops', SCOPES)) =>
    startCliProcess([...args, '--gateway', platform.url(), '--token', token], env).exited;
  // JETJOBS_GATEWAY empty: the direct mode, over NATS, whatever the machine's environment holds.
  const direct = (args: string[]) =>
    startCliProcess(args, { NATS_URL: testNatsUrl(), JETJOBS_NAMESPACE: platform.events.names.namespace, JETJOBS_GATEWAY: '' }).exited;
  const lines = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line) as unknown);

  /** Jobs that fail for good on their first attempt, all failed when this returns. */
  async function failedJobs(count: number): Promise<string[]> {
    const ids = await Promise.all(Array.from({ length: count }, () => submitJob(platform, { steps: 1, failAttempts: 1, failWith: 'permanent' })));
    for (const id of ids) expect(await clientOf(platform).jobs.wait(id)).toMatchObject({ status: 'failed' });
    return ids;
  }

  it('lists a failed job\'s events, redrives it, and follows until its completion', async () => {
    const id = await submitJob(platform, { steps: 1, failAttempts: 1, failWith: 'permanent' });
    expect(await clientOf(platform).jobs.wait(id)).toMatchObject({ status: 'failed' });

    const json = await cli(['events', '--job', id, '--json']);
    expect(json.code).toBe(0);
    const events = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as { seq: number; type: string; version: number; project_id: string });
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ type: 'JobFailed', project_id: 'project-a' });

    const table = await cli(['events', '--job', id, '--type', 'JobFailed']);
    expect(table.stdout.split('\n')[0]).toMatch(/^SEQ +TIME +TYPE +JOB/);
    expect(table.stdout).toMatch(new RegExp(`JobFailed +${id} .*bad_input: the input cannot be processed`));

    const redriven = await cli(['redrive', id, '--reason', 'input fixed upstream']);
    expect(redriven).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^redriven ${id}: attempt 2 `)) });
    // From the first sequence: the attempt may have completed before this command connects.
    const followed = await cli(['events', '--job', id, '--type', 'JobCompleted', '--from-seq', '1', '--follow', '--limit', '1', '--json']);
    expect(followed.code).toBe(0);
    expect(JSON.parse(followed.stdout)).toMatchObject({ type: 'JobCompleted', job_id: id, data: { attempt: 2 } });
    const retried = await cli(['events', '--job', id, '--type', 'JobRetryScheduled', '--json']);
    expect(JSON.parse(retried.stdout.trim().split('\n').at(-1)!)).toMatchObject({ data: { reason: 'manual', comment: 'input fixed upstream' } });
  });

  it("prints a job's history exactly as the direct mode does", async () => {
    const id = await submitJob(platform, { steps: 2 });
    await clientOf(platform).jobs.wait(id);
    const viaGateway = await cli(['history', id, '--json']);
    expect(viaGateway.code).toBe(0);
    const directly = await direct(['history', id, '--json']);
    expect(directly.code).toBe(0);
    expect(lines(viaGateway.stdout)).toEqual(lines(directly.stdout));
    expect(lines(viaGateway.stdout).at(-1)).toMatchObject({ type: 'JobCompleted', state: { status: 'completed' } });
    const table = await cli(['history', id]);
    expect(table.stdout).toMatch(/^Trace: [0-9a-f]{32}\n/);
  });

  it('lists failures exactly as the direct mode does, with JETJOBS_GATEWAY or an admin:read token', async () => {
    const since = new Date().toISOString();
    const ids = await failedJobs(2);
    const filter = ['--since', since, '--reason', 'bad_input'];

    const viaGateway = await cli(['failures', ...filter, '--json']);
    expect(viaGateway.code).toBe(0);
    const directly = await direct(['failures', ...filter, '--json']);
    expect(directly.code).toBe(0);
    expect(lines(viaGateway.stdout)).toEqual(lines(directly.stdout));
    expect(lines(viaGateway.stdout)).toEqual(expect.arrayContaining(ids.map((id) => expect.objectContaining({ id, status: 'failed', projectId: 'project-a', error: expect.objectContaining({ code: 'bad_input' }) }))));

    // The gateway named by the environment alone, and the table: the same text as the direct mode.
    const token = platform.token('ops', ['admin:read']);
    const table = await startCliProcess(['failures', ...filter], { ...env, JETJOBS_GATEWAY: platform.url(), JETJOBS_TOKEN: token }).exited;
    expect(table.code).toBe(0);
    expect(table.stdout).toBe((await direct(['failures', ...filter])).stdout);
    expect(table.stdout.split('\n')[0]).toMatch(/^FAILED AT +JOB +KIND +PROJECT/);
    for (const id of ids) expect(table.stdout).toMatch(new RegExp(`${id} .* bad_input `));
  });

  it('redrives every failure matching a filter, after the same dry run as the direct mode', async () => {
    const since = new Date().toISOString();
    const ids = await failedJobs(2);
    const filter = ['--all', '--since', since, '--code', 'bad_input'];

    const dryRun = await cli(['redrive', ...filter, '--dry-run']);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toBe((await direct(['redrive', ...filter, '--dry-run'])).stdout);
    expect(dryRun.stdout).toMatch(/^2 job\(s\) match$/m);

    const redriven = await cli(['redrive', ...filter, '--reason', 'input fixed upstream']);
    expect(redriven.code).toBe(0);
    for (const id of ids) expect(redriven.stdout).toMatch(new RegExp(`^redriven ${id}: attempt 2 `, 'm'));
    expect(redriven.stdout).toMatch(/^redrove 2 of 2 failed job\(s\)\n$/m);
    for (const id of ids) expect(await clientOf(platform).jobs.wait(id)).toMatchObject({ status: 'completed', attempt: 2 });
    expect((await cli(['redrive', ...filter, '--dry-run'])).stdout).toBe('0 job(s) match\n');
    expect(await cli(['redrive', ...filter, '--reason', 'again', '--as', 'alice'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--as cannot be given/) });
  });

  it('refuses a credential without admin with one line and exit 1', async () => {
    const { code, stderr } = await cli(['events', '--limit', '1'], platform.token('project-a', ['job:read']));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^The gateway refused \(403 forbidden\): .+\n$/);
  });
});
