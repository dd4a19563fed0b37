import { eventually, openSse, readSse, runCliProcess, testNatsUrl } from '@jetjobs/testing';
import { pollUntil, submitJob } from '../support/api';
import { startPlatform, type TestPlatform } from '../support/platform';

interface HistoryStep {
  readonly type: string;
  readonly attempt: number | null;
  readonly worker: string | null;
  readonly data: Record<string, unknown>;
  readonly state: { status: string; attempt: number };
}

const jsonLines = (text: string) => text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));

describe('operators: failures, redrive and history', () => {
  let platform: TestPlatform;
  let env: Record<string, string>;
  beforeAll(async () => {
    platform = await startPlatform('redrive');
    await platform.startWorker();
    env = { NATS_URL: testNatsUrl(), JETJOBS_NAMESPACE: platform.events.names.namespace };
  });
  afterAll(() => platform.close());

  /** A job whose first attempt fails for good (no automatic retry); a second attempt succeeds. */
  const failedJob = async (): Promise<string> => {
    const id = await submitJob(platform, { steps: 2, failAttempts: 1, failWith: 'permanent' });
    await pollUntil(platform, id, (job) => job.status === 'failed');
    return id;
  };
  const listedFailures = async (args: string[]): Promise<string[]> => {
    const result = await runCliProcess(['failures', '--json', ...args], env);
    expect(result.code).toBe(0);
    return jsonLines(result.stdout).map((job: { id: string }) => job.id);
  };

  it('redrives a failed job from the CLI: it completes as attempt 2 and its history shows both attempts', async () => {
    const id = await failedJob();
    await eventually(async () => ((await listedFailures(['--reason', 'bad_input', '--since', '10m'])).includes(id) ? true : undefined));

    const redriven = await runCliProcess(['redrive', id, '--reason', 'input fixed upstream', '--as', 'ops-alice'], env);
    expect(redriven).toMatchObject({ code: 0, stdout: `redriven ${id}: attempt 2 queued\n` });
    const { job } = await pollUntil(platform, id, (j) => j.status === 'completed');
    expect(job.attempt).toBe(2);

    const steps = jsonLines((await runCliProcess(['history', id, '--json'], env)).stdout) as HistoryStep[];
    const starts = steps.filter((step) => step.type === 'JobStarted');
    expect(starts.map((step) => step.attempt)).toEqual([1, 2]);
    expect(starts.every((step) => typeof step.worker === 'string' && step.worker !== '')).toBe(true);
    expect(steps.find((step) => step.type === 'JobFailed')).toMatchObject({ attempt: 1, state: { status: 'failed', attempt: 1 } });
    expect(steps.find((step) => step.type === 'JobRetryScheduled')).toMatchObject({
      attempt: 2,
      data: { attempt: 2, reason: 'manual', requestedBy: 'ops-alice', comment: 'input fixed upstream' },
      state: { status: 'queued', attempt: 2 },
    });
    expect(steps.at(-1)).toMatchObject({ type: 'JobCompleted', attempt: 2, state: { status: 'completed', attempt: 2 } });

    const table = (await runCliProcess(['history', id], env)).stdout;
    expect(table).toContain('manual, by ops-alice: "input fixed upstream"');
    expect(table.trim().split('\n').at(-1)).toMatch(/JobCompleted .* completed, attempt 2, 100%$/);
  });

  it('redrives every failed job matching --all filters, after a dry run that changes nothing', async () => {
    const since = new Date().toISOString();
    const ids = [await failedJob(), await failedJob()];
    await eventually(async () => ((await listedFailures(['--since', since])).length === 2 ? true : undefined));

    const dry = await runCliProcess(['redrive', '--all', '--kind', 'scripted', '--since', since, '--dry-run'], env);
    expect(dry.stdout).toContain('2 job(s) match');
    const all = await runCliProcess(['redrive', '--all', '--kind', 'scripted', '--since', since, '--reason', 'bulk redrive'], env);

    expect(all.code).toBe(0);
    expect(all.stdout).toContain('redrove 2 of 2 failed job(s)');
    for (const id of ids) expect((await pollUntil(platform, id, (job) => job.status === 'completed')).job.attempt).toBe(2);
  });

  it('redrives through the admin API for any project, only with the admin scope, and lists events for tools', async () => {
    const id = await failedJob();
    const redrive = (token: string, body: unknown) =>
      platform.request(`/v1/admin/jobs/${id}/redrive`, { method: 'POST', body: JSON.stringify(body), token });
    expect((await redrive(platform.token('project-a', ['job:read', 'job:write']), { reason: 'retry' })).status).toBe(403);
    expect((await redrive(platform.token('ops', ['admin']), {})).status).toBe(400);

    const response = await redrive(platform.token('ops', ['admin']), { reason: 'retry' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id, status: 'queued', attempt: 2, project_id: 'project-a' });
    await pollUntil(platform, id, (job) => job.status === 'completed');

    const admin = platform.token('ops', ['admin']);
    const stored = (await platform.events.store.load(id)).events;
    const page = async (query: string) => (await (await platform.request(`/v1/admin/events?job=${id}&${query}`, { token: admin })).json()) as {
      items: { seq: number; type: string; project_id: string }[];
      next_from_seq: number | null;
    };
    const first = await page('limit=3');
    const rest = await page(`from_seq=${first.next_from_seq}`);
    expect(first.items).toHaveLength(3);
    expect([...first.items, ...rest.items].map((e) => [e.seq, e.type])).toEqual(stored.map((s) => [s.seq, s.event.type]));
    expect(rest.next_from_seq).toBeNull();

    const sse = await openSse(`${platform.url()}/v1/admin/events?job=${id}&follow=true&type=JobStarted,JobCompleted`, {
      authorization: `Bearer ${admin}`,
      'last-event-id': '0',
    });
    const messages = await readSse(sse, (m) => m.event === 'JobCompleted' && JSON.parse(m.data).data.attempt === 2);
    sse.close();
    expect(messages.map((m) => [Number(m.id), m.event])).toEqual(
      stored.filter((s) => s.event.type === 'JobStarted' || s.event.type === 'JobCompleted').map((s) => [s.seq, s.event.type]),
    );
  });
});
