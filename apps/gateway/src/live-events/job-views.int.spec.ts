import type { Actor } from '@jetjobs/contracts';
import { eventually, submitTestJob } from '@jetjobs/testing';
import { startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';
import { appendToJob, completed, progressed, started } from '../testing/worker-events';
import { JobViews } from './job-views';

const actor = (projectId: string): Actor => ({ projectId, subject: 'tester' });

describe('job views kept current by the live events', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let views: JobViews;
  beforeAll(async () => {
    gw = await startTestGateway('gwviews', { JETJOBS_GATEWAY_JOB_CACHE: '3' });
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    views = gw.app.get(JobViews);
  }, 60_000);
  afterAll(async () => {
    await gw.close();
    await registry.close();
  });

  it('follows a job read once through every later event, without asking the registry again', async () => {
    const job = await submitTestJob(gw.events.store, { projectId: 'project-a' });
    expect((await views.get(actor('project-a'), job.jobId)).status).toBe('queued');

    await appendToJob(gw.events.store, job.jobId, [started(), progressed(50)]);
    await eventually(async () => ((await views.get(actor('project-a'), job.jobId)).version === 3 ? true : undefined), 5_000);
    // With the registry gone, the kept view still moves on: reads come from the live events.
    await registry.app.close();
    try {
      await appendToJob(gw.events.store, job.jobId, [completed({ ok: true })]);
      await eventually(async () => ((await views.get(actor('project-a'), job.jobId)).status === 'completed' ? true : undefined), 5_000);
      const view = await views.get(actor('project-a'), job.jobId);
      expect(view).toMatchObject({ version: 4, progress: 100, result: { ok: true } });
    } finally {
      registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    }
  });

  it('reflects every event stored before a read began, however far the live feed trails', async () => {
    for (let round = 0; round < 10; round++) {
      const job = await submitTestJob(gw.events.store, { projectId: 'project-a' });
      await views.get(actor('project-a'), job.jobId);
      const one = await appendToJob(gw.events.store, job.jobId, [started()]);
      expect((await views.get(actor('project-a'), job.jobId)).version).toBe(one.at(-1)!.event.metadata.version);
      const two = await appendToJob(gw.events.store, job.jobId, [progressed(10), progressed(20)]);
      expect(await views.get(actor('project-a'), job.jobId)).toMatchObject({ version: two.at(-1)!.event.metadata.version, progress: 20 });
    }
  });

  it('answers another project as if the kept job did not exist', async () => {
    const job = await submitTestJob(gw.events.store, { projectId: 'project-a' });
    await views.get(actor('project-a'), job.jobId);
    await expect(views.get(actor('project-b'), job.jobId)).rejects.toMatchObject({ code: 'job_not_found' });
  });

  it('keeps at most the configured number of jobs, the least recently read leaving first', async () => {
    const jobs: Awaited<ReturnType<typeof submitTestJob>>[] = [];
    for (let i = 0; i < 5; i++) jobs.push(await submitTestJob(gw.events.store, { projectId: 'project-a' }));
    for (const job of jobs) await views.get(actor('project-a'), job.jobId);
    expect(views.kept.jobs).toBe(3);
    // An evicted job is read again from the registry, current as ever.
    await appendToJob(gw.events.store, jobs[0].jobId, [started()]);
    await eventually(async () => ((await views.get(actor('project-a'), jobs[0].jobId)).status === 'processing' ? true : undefined), 5_000);
  });
});
