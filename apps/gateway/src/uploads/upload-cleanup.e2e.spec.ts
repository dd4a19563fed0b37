import { Objm, type ObjectStore } from '@nats-io/obj';
import type { JobJson } from '@jetjobs/dialects';
import { eventually, submitTestJob } from '@jetjobs/testing';
import { fakeWorker } from '../testing/fake-worker';
import { startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';
import { fileForm, mp4Bytes } from '../testing/video-fixtures';

// Uploads are deleted once their job has ended, so stored bytes do not grow with every job.
describe('uploads after their job ends', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let bucket: ObjectStore;
  let token: string;

  beforeAll(async () => {
    gw = await startTestGateway('gwreap');
    // A failed job keeps its upload for ten minutes (a retry may need it): longer than this test.
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE, { JETJOBS_UPLOAD_RETENTION_MS: '600000' });
    bucket = await new Objm(gw.events.nc).open(gw.events.names.mediaBucket);
    token = gw.token(['avf:infer', 'job:read']);
  }, 30_000);
  afterAll(async () => {
    await gw.close();
    await registry?.close();
  });

  /** Uploads a video through the AVF API; its job id and the object it was stored as. */
  async function upload(): Promise<{ jobId: string; object: string }> {
    const response = await gw.request('/api-gateway/avf/infer', { method: 'POST', body: fileForm(mp4Bytes(4096)), token });
    const jobId = ((await response.json()) as { data: { metadata: { request_id: string } } }).data.metadata.request_id;
    const job = (await (await gw.request(`/v1/jobs/${jobId}`, { token })).json()) as JobJson;
    return { jobId, object: (job.input as { source: { upload: { object: string } } }).source.upload.object };
  }
  const stored = async (object: string) => {
    const info = await bucket.info(object);
    return info !== null && !info.deleted;
  };
  const gone = (object: string) => eventually(async () => ((await stored(object)) ? undefined : true), 10_000);

  it('deletes the upload of a completed job', async () => {
    const { jobId, object } = await upload();
    expect(await stored(object)).toBe(true);
    const worker = fakeWorker(gw.events.store, jobId);
    await worker.start();
    await worker.complete({ prediction: 'real' });
    await gone(object);
  });

  it("keeps a failed job's upload for the retention time, and never deletes another project's upload", async () => {
    const failed = await upload();
    const worker = fakeWorker(gw.events.store, failed.jobId);
    await worker.start();
    await worker.fail('the model was unavailable');
    // A crafted job of another project naming the same object, completed.
    const crafted = await submitTestJob(gw.events.store, { kind: 'avf', projectId: 'project-b', input: { source: { upload: { object: failed.object } } } });
    const craftedWorker = fakeWorker(gw.events.store, crafted.jobId);
    await craftedWorker.start();
    await craftedWorker.complete({});
    // A later completed job's upload going shows the reaper has passed both events above.
    const later = await upload();
    const laterWorker = fakeWorker(gw.events.store, later.jobId);
    await laterWorker.start();
    await laterWorker.complete({});
    await gone(later.object);
    expect(await stored(failed.object)).toBe(true);
  });
});
