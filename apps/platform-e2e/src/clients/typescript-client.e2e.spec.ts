import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { JetJobs, JetJobsError, type JobStreamEvent, type UploadProgress } from '@jetjobs/client';
import { eventually, generateTestVideo } from '@jetjobs/testing';
import { KIND, startPlatform, type TestPlatform } from '../support/platform';

describe('@jetjobs/client against the running platform', () => {
  let platform: TestPlatform;
  let jj: JetJobs;
  beforeAll(async () => {
    platform = await startPlatform('tsclient');
    jj = new JetJobs({ baseUrl: platform.url(), token: platform.token('project-a', ['job:read', 'job:write', 'moderate:video']) });
  });
  afterAll(() => platform.close());

  it('submits once per idempotency key, follows across a gateway restart with no gap or repeat, and waits for the result', async () => {
    const key = randomUUID();
    const steps = 6;
    const job = await jj.jobs.submit({ kind: KIND, input: { steps, stepMs: 300 } }, { idempotencyKey: key });
    expect(job).toEqual({ id: expect.any(String), status: 'queued' });
    expect((await jj.jobs.submit({ kind: KIND, input: { steps: 1 } }, { idempotencyKey: key })).id).toBe(job.id);

    await platform.startWorker();
    const events: JobStreamEvent[] = [];
    const reconnects: number[] = [];
    // A client of its own: the platform's gateway moves to a new port only if the old one is taken.
    const follower = new JetJobs({ baseUrl: platform.url(), token: platform.token('project-a', ['job:read']) });
    let restarted = false;
    for await (const event of follower.jobs.follow(job.id, { onReconnect: ({ afterVersion }) => reconnects.push(afterVersion) })) {
      events.push(event);
      if (!restarted && event.type === 'JobProgressed' && event.data.frames_completed === 2) {
        restarted = true;
        await platform.restartGateway();
      }
    }
    expect(reconnects.length).toBeGreaterThan(0);
    expect(events.map((e) => e.version)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
    const progressed = events.flatMap((e) => (e.type === 'JobProgressed' ? [e.data.frames_completed] : []));
    expect(progressed).toEqual([1, 2, 3, 4, 5, 6]);
    const last = events.at(-1)!;
    expect(last.type).toBe('JobCompleted');
    expect(last.type === 'JobCompleted' && last.data.result).toEqual({ steps, attempt: 1 });

    const done = await jj.jobs.wait(job.id);
    expect(done).toMatchObject({ id: job.id, status: 'completed', result: { steps, attempt: 1 }, progress: 100, version: last.version });
    // Lists come from the registry's projection, which catches up a moment after the stream.
    const page = await eventually(async () => {
      const listed = await jj.jobs.list({ kind: KIND, status: 'completed', limit: 50 });
      return listed.items.some((item) => item.id === job.id) ? listed : undefined;
    });
    expect(page.items.map((item) => item.id)).toContain(job.id);
    expect(page.items.every((item) => item.status === 'completed')).toBe(true);
  });

  it('waits through a cancel, and a retry of a failed job to its next attempt', async () => {
    const running = await jj.jobs.submit({ kind: KIND, input: { steps: 1, waitForCancel: true } });
    const seen: string[] = [];
    const waiting = jj.jobs.wait(running.id, { onEvent: (event) => seen.push(event.type) });
    await waitForStatus(jj, running.id, 'processing');
    expect((await jj.jobs.cancel(running.id, { reason: 'changed my mind' })).cancel_requested).toBe(true);
    expect(await waiting).toMatchObject({ status: 'cancelled' });
    expect(seen.at(-1)).toBe('JobCancelled');

    const failing = await jj.jobs.submit({ kind: KIND, input: { steps: 1, failAttempts: 1, failWith: 'permanent' } });
    expect(await jj.jobs.wait(failing.id)).toMatchObject({ status: 'failed', error: { code: 'bad_input' } });
    const retried = await jj.jobs.retry(failing.id);
    expect(retried.status).not.toBe('failed');
    // wait follows from the job's current version, so the first attempt's JobFailed does not end it.
    expect(await jj.jobs.wait(failing.id)).toMatchObject({ status: 'completed', attempt: 2 });
  });

  it('stops waiting when the signal aborts', async () => {
    const job = await jj.jobs.submit({ kind: KIND, input: { steps: 1, waitForCancel: true } });
    const controller = new AbortController();
    const waiting = jj.jobs.wait(job.id, { signal: controller.signal });
    await waitForStatus(jj, job.id, 'processing');
    controller.abort(new Error('user pressed Ctrl-C'));
    await expect(waiting).rejects.toThrow('user pressed Ctrl-C');
    await jj.jobs.cancel(job.id);
  });

  it("answers another project's job with a typed 404, and a forbidden route with 403", async () => {
    const job = await jj.jobs.submit({ kind: KIND, input: { steps: 1 } });
    const stranger = new JetJobs({ baseUrl: platform.url(), token: platform.token('project-b', ['job:read']) });
    const error = await stranger.jobs.get(job.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JetJobsError);
    expect(error).toMatchObject({ status: 404, code: 'job_not_found' });
    await expect(stranger.jobs.submit({ kind: KIND, input: {} })).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('uploads a video from a file stream with progress and submits its job', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jj-client-'));
    try {
      const path = join(dir, 'clip.mp4');
      await generateTestVideo(path, { durationS: 1, width: 160, height: 120 });
      const size = (await stat(path)).size;
      const progress: UploadProgress[] = [];
      const job = await jj.uploads.submitVideo('moderation', createReadStream(path), { onProgress: (p) => progress.push(p) });
      expect(job).toMatchObject({ kind: 'moderation', status: 'queued', input: { source: { upload: { filename: 'clip.mp4', size } } } });
      expect(progress.at(-1)).toEqual({ sentBytes: size, totalBytes: size });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** Polls the job until it has the status; the worker starting is not an event the caller sees otherwise. */
async function waitForStatus(jj: JetJobs, id: string, status: string): Promise<void> {
  for await (const event of jj.jobs.follow(id)) if (event.type === 'JobStarted' || status !== 'processing') return;
}
