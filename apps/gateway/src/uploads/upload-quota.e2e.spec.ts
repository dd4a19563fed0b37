import { eventually } from '@jetjobs/testing';
import { fakeWorker } from '../testing/fake-worker';
import { errorOf, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';
import { fileForm, mp4Bytes } from '../testing/video-fixtures';

const FILE_BYTES = 8 * 1024;

// A project's uploads share a storage quota; uploads leave it when their jobs end.
describe('per-project storage quota', () => {
  let gw: TestGateway;
  let registry: TestRegistry;

  beforeAll(async () => {
    // Room for two of the test's uploads (each form is a little over 8 KiB), not three.
    gw = await startTestGateway('gwquota', { JETJOBS_PROJECT_STORAGE_BYTES: String(3 * FILE_BYTES - 1024) });
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
  }, 30_000);
  afterAll(async () => {
    await gw.close();
    await registry?.close();
  });

  const upload = (projectId: string) =>
    gw.request('/api-gateway/avf/infer', { method: 'POST', body: fileForm(mp4Bytes(FILE_BYTES)), token: gw.token(['avf:infer', 'job:read'], projectId) });
  const jobIdOf = async (response: Response) => ((await response.json()) as { data: { metadata: { request_id: string } } }).data.metadata.request_id;

  it('refuses an upload past the quota with 413 quota_exceeded, and takes it again once a job has ended', async () => {
    const first = await upload('project-q');
    const second = await upload('project-q');
    expect([first.status, second.status]).toEqual([202, 202]);
    const refused = await errorOf(await upload('project-q'));
    expect(refused).toMatchObject({ status: 413, code: 'quota_exceeded' });
    expect(refused.message).toMatch(/storage quota.*retry once running jobs have finished/);
    // Another project is not held back by this one's uploads.
    expect((await upload('project-r')).status).toBe(202);

    const worker = fakeWorker(gw.events.store, await jobIdOf(first));
    await worker.start();
    await worker.complete({});
    await eventually(async () => ((await upload('project-q')).status === 202 ? true : undefined), 10_000);
  });

  it('counts what is stored at its real size, so the refusal names what the project holds', async () => {
    const refused = await errorOf(await upload('project-q'));
    expect(refused.message).toMatch(/^This project's uploads already hold 16 KiB of its 23 KiB storage quota/);
  });
});
