import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Objm, type ObjectStore } from '@nats-io/obj';
import { publishWorkItem } from '@jetjobs/event-store';
import { withTempDir } from '@jetjobs/media';
import { mediaOwnerOf, MEDIA_PURPOSES, type VideoSource } from '@jetjobs/contracts';
import { isTerminalEvent, openTestEventStore, submitTestJob, waitForJobEvent, type TestEventStore } from '@jetjobs/testing';
import { fetchVideoSource, MediaStore, startWorker, type Worker } from './index';

const VIDEO = Buffer.alloc(64 * 1024, 3);
// Starts like an MP4 (an ftyp box): what the fetch's sniffing asks of a video.
Buffer.from([0, 0, 0, 0x20, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2avc1mp41')]).copy(VIDEO);
const A_UPLOAD = 'uploads/owned-by-a/clip.mp4';

describe('media ownership in the worker runtime', () => {
  let ctx: TestEventStore;
  let bucket: ObjectStore;
  let worker: Worker | null = null;

  beforeAll(async () => {
    ctx = await openTestEventStore('mown');
    bucket = await new Objm(ctx.nc).open(ctx.names.mediaBucket);
    await withTempDir('mown', async (dir) => {
      await writeFile(join(dir, 'clip.mp4'), VIDEO);
      await new MediaStore(bucket).upload(A_UPLOAD, join(dir, 'clip.mp4'), 'video/mp4', { projectId: 'project-a', purpose: MEDIA_PURPOSES.upload });
    });
    // The handler fetches its job's source the way the media workers do, through its context.
    worker = await startWorker({
      store: ctx.store,
      kind: 'echo',
      ackWaitMs: 5_000,
      handler: (context) =>
        withTempDir('mown-job', async (dir) => {
          const input = context.job.input as { source: VideoSource; maxBytes?: number };
          const fetched = await fetchVideoSource(input.source, { media: context.media, dir, allowlist: [], maxBytes: input.maxBytes ?? 1024 ** 2, timeoutMs: 5_000 });
          await context.media.upload(`clips/${context.job.id}/copy.mp4`, fetched.path, 'video/mp4');
          return { fetched: fetched.filename };
        }),
    });
  });
  afterAll(async () => {
    await worker?.stop(1_000);
    await ctx.dispose();
  });

  async function run(projectId: string, input: unknown) {
    const job = await submitTestJob(ctx.store, { projectId, input });
    await publishWorkItem(ctx.store.js, ctx.names, { jobId: job.jobId, kind: job.kind, attempt: 1 });
    const events = await waitForJobEvent(ctx.store, job.jobId, isTerminalEvent);
    return { jobId: job.jobId, last: events[events.length - 1]! };
  }

  const uploadOf = (object: string, size = 1) => ({ source: { upload: { object, filename: 'x.mp4', size, contentType: 'video/mp4' } } });

  it("fails another project's job that names the upload, exactly as if it did not exist", async () => {
    const foreign = await run('project-b', uploadOf(A_UPLOAD));
    const missing = await run('project-b', uploadOf('uploads/nothing-here/clip.mp4'));
    expect(foreign.last).toMatchObject({ type: 'JobFailed', data: { error: { code: 'source_not_found' } } });
    expect(missing.last).toMatchObject({ type: 'JobFailed', data: { error: { code: 'source_not_found' } } });
    const messageOf = (event: typeof foreign.last) => (event.data as { error: { message: string } }).error.message;
    expect(messageOf(foreign.last)).toBe(messageOf(missing.last));
    expect(await bucket.info(`clips/${foreign.jobId}/copy.mp4`)).toBeNull();
  });

  it("runs the owning project's job, and records the project and job on what it writes", async () => {
    const own = await run('project-a', uploadOf(A_UPLOAD));
    expect(own.last.type).toBe('JobCompleted');
    const info = await bucket.info(`clips/${own.jobId}/copy.mp4`);
    expect(mediaOwnerOf(info?.metadata)).toEqual({ projectId: 'project-a', jobId: own.jobId, purpose: 'output' });
  });

  it('checks the real size of the object, not the size the input claims', async () => {
    const tooBig = await run('project-a', { ...uploadOf(A_UPLOAD, 1), maxBytes: 1024 });
    expect(tooBig.last).toMatchObject({ type: 'JobFailed', data: { error: { code: 'source_too_large' } } });
  });

  it('a scoped store neither reads nor sees objects that record no owner or another owner', async () => {
    await bucket.putBlob({ name: 'uploads/ownerless/clip.mp4' }, VIDEO);
    const asB = new MediaStore(bucket).forJob({ id: 'job-b', projectId: 'project-b' });
    const asA = new MediaStore(bucket).forJob({ id: 'job-a', projectId: 'project-a' });
    expect(await asB.exists(A_UPLOAD)).toBe(false);
    expect(await asA.exists(A_UPLOAD)).toBe(true);
    expect(await asA.exists('uploads/ownerless/clip.mp4')).toBe(false);
    await withTempDir('mown-read', async (dir) => {
      expect(await asB.download(A_UPLOAD, join(dir, 'b.mp4'))).toBe(false);
      expect(await asA.download('uploads/ownerless/clip.mp4', join(dir, 'o.mp4'))).toBe(false);
    });
  });
});
