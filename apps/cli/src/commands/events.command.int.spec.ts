import type { StoredEvent } from '@jetjobs/contracts';
import {
  openTestEventStore,
  runCliProcess,
  startCliProcess,
  submitTestJob,
  testNatsUrl,
  type TestEventStore,
} from '@jetjobs/testing';

// The built CLI as an operator runs it, against a namespace of its own on the real NATS server.
describe('jetjobs events', () => {
  let ctx: TestEventStore;
  let env: Record<string, string>;
  beforeAll(async () => {
    ctx = await openTestEventStore('clievents');
    env = { NATS_URL: testNatsUrl(), JETJOBS_NAMESPACE: ctx.names.namespace };
  });
  afterAll(() => ctx.dispose());

  /** Appends a job with a whole run of events and returns what the stream stored. */
  const appendJob = async (options: { kind?: string; projectId?: string } = {}): Promise<StoredEvent[]> => {
    const job = await submitTestJob(ctx.store, {
      ...options,
      more: [
        { type: 'JobStarted', data: { attempt: 1, workerId: 'w1' } },
        { type: 'JobProgressed', data: { attempt: 1, progress: 50, detail: 'half', framesCompleted: null, frameCount: null } },
        { type: 'JobCompleted', data: { attempt: 1, result: { ok: true } } },
      ],
    });
    return [...(await ctx.store.load(job.jobId)).events];
  };
  const appendJobs = async (n: number, options: { kind?: string; projectId?: string } = {}) => {
    const all: StoredEvent[] = [];
    for (let i = 0; i < n; i++) all.push(...(await appendJob(options)));
    return all.sort((a, b) => a.seq - b.seq);
  };
  /** `--json` output as (seq, event id, type): what must match the stream exactly, in order. */
  const replayed = async (args: string[]) => {
    const result = await runCliProcess(['events', '--json', ...args], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return result.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { seq: number; type: string; metadata: { eventId: string } })
      .map(({ seq, type, metadata }) => ({ seq, type, eventId: metadata.eventId }));
  };
  const expected = (events: readonly StoredEvent[]) => events.map(({ seq, event }) => ({ seq, type: event.type, eventId: event.metadata.eventId }));

  it('replays exactly the events of a sequence range, in stream order', async () => {
    const appended = await appendJobs(4);
    const range = appended.slice(3, -3);

    const events = await replayed(['--from-seq', String(range[0]!.seq), '--to-seq', String(range.at(-1)!.seq)]);

    expect(events).toEqual(expected(range));
    expect(events).toHaveLength(appended.length - 6);
  });

  it('replays exactly the events stored in a time range', async () => {
    await appendJobs(2);
    await clockTick();
    const since = new Date();
    const inside = await appendJobs(3);
    await clockTick();
    const until = new Date();
    await appendJobs(2);

    expect(await replayed(['--since', since.toISOString(), '--until', until.toISOString()])).toEqual(expected(inside));
  });

  it("replays exactly one job's events, and filters by kind, project and event type", async () => {
    await appendJobs(1, { kind: 'other-kind', projectId: 'project-b' });
    const mine = await appendJob({ kind: 'pick-me', projectId: 'project-c' });
    await appendJobs(1, { kind: 'pick-me', projectId: 'project-b' });

    expect(await replayed(['--job', mine[0]!.event.metadata.jobId])).toEqual(expected(mine));
    const picked = await replayed(['--kind', 'pick-me', '--project', 'project-c', '--type', 'JobStarted,JobCompleted']);
    expect(picked).toEqual(expected(mine.filter(({ event }) => event.type === 'JobStarted' || event.type === 'JobCompleted')));

    const table = await runCliProcess(['events', '--job', mine[0]!.event.metadata.jobId], env);
    const rows = table.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^SEQ\s+TIME\s+TYPE\s+JOB/);
    expect(rows.slice(1).map((row) => row.split(/\s+/)[2])).toEqual(['JobSubmitted', 'JobStarted', 'JobProgressed', 'JobCompleted']);
  });

  it('follows new events as they are appended and leaves no consumer on the server', async () => {
    const consumersBefore = await consumerNames();
    const next = (await ctx.store.jsm.streams.info(ctx.names.jobsStream)).state.last_seq + 1;
    const cli = startCliProcess(['events', '--follow', '--json', '--from-seq', String(next)], env);

    const appended = await appendJobs(2);
    const seen = await cli.waitForLine((line) => JSON.parse(line).seq === appended.at(-1)!.seq);
    cli.child.kill('SIGINT');
    const exit = await cli.exited;

    expect(seen.map((line) => JSON.parse(line).metadata.eventId)).toEqual(appended.map(({ event }) => event.metadata.eventId));
    expect(exit.code).toBe(130);
    expect(await consumerNames()).toEqual(consumersBefore);
  });

  it('reports bad options and a wrong namespace in one line with a non-zero exit', async () => {
    const bad = await runCliProcess(['events', '--from-seq', 'ten'], env);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe('jetjobs events: --from-seq: "ten" must be a whole number of at least 1\n');
    const lost = await runCliProcess(['events'], { ...env, JETJOBS_NAMESPACE: `${ctx.names.namespace}_nope` });
    expect(lost.code).toBe(1);
    expect(lost.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^No stream .*_NOPE_JOBS .*JETJOBS_NAMESPACE/)]);
  });

  async function consumerNames(): Promise<string[]> {
    const names: string[] = [];
    for await (const info of ctx.store.jsm.consumers.list(ctx.names.jobsStream)) names.push(info.name);
    return names.sort();
  }
});

/** Waits until the millisecond clock moves, so that a time falls strictly between two events. */
async function clockTick(): Promise<void> {
  const start = Date.now();
  while (Date.now() === start) await new Promise((resolve) => setImmediate(resolve));
}
