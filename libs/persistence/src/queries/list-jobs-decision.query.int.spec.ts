import type { DataSource } from 'typeorm';
import type { ListJobsPayload } from '@jetjobs/contracts';
import { closeDatabase, openDatabase } from '../connection/open-database';
import { applyEventBatch } from '../projection/apply-event-batch';
import { EventLog, newJob, type JobRef } from '../testing/stored-events.fixture';
import { dropDatabase, freshDatabaseUrl } from '../testing/test-database';
import { listJobs } from './list-jobs.query';

const query = (overrides: Partial<ListJobsPayload> = {}): ListJobsPayload => ({
  actor: { projectId: 'project-a', subject: 'user-1' },
  kind: null,
  statuses: null,
  createdFrom: null,
  createdTo: null,
  limit: 100,
  cursor: null,
  offset: null,
  ...overrides,
});

describe('listJobs by moderation decision', () => {
  const url = freshDatabaseUrl('decision');
  let ds: DataSource;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ds = await openDatabase(url);
    const log = new EventLog();
    const finish = (name: string, result: unknown, projectId = 'project-a'): JobRef => {
      const job = newJob(projectId, 'moderation');
      ids[name] = job.id;
      log.submit(job);
      log.append(job, { type: 'JobStarted', data: { attempt: 1, workerId: 'w' } });
      if (result !== undefined) log.append(job, { type: 'JobCompleted', data: { attempt: 1, result } });
      return job;
    };
    const categories = { nsfw: false, ai_adult_general: false, underage: false, custom: {} };
    finish('passed', { is_prohibited: false, categories });
    finish('rejected', { is_prohibited: true, categories: { ...categories, nsfw: true } });
    finish('rejected-too', { is_prohibited: true, categories: { ...categories, underage: true } });
    finish('running', undefined);
    // A result without a verdict (another kind's shape), and a verdict that is a string, not a boolean.
    finish('no-verdict', { verdict: 'authentic' });
    finish('string-verdict', { is_prohibited: 'true' });
    finish('other-project', { is_prohibited: true, categories }, 'project-b');
    await applyEventBatch(ds, 'projector', log.events);
  });

  afterAll(async () => {
    await closeDatabase(ds);
    await dropDatabase(url);
  });

  const idsOf = async (payload: ListJobsPayload) => (await listJobs(ds, payload)).items.map((j) => j.id).sort();

  it('reject lists the jobs whose result says is_prohibited: true, in the project only', async () => {
    expect(await idsOf(query({ decision: 'reject' }))).toEqual([ids['rejected'], ids['rejected-too']].sort());
    expect((await listJobs(ds, query({ decision: 'reject' }))).total).toBe(2);
  });

  it('pass lists the jobs whose result says is_prohibited: false', async () => {
    const page = await listJobs(ds, query({ decision: 'pass' }));
    expect(page.items.map((j) => j.id)).toEqual([ids['passed']]);
    expect(page.total).toBe(1);
  });

  it('combines with the other filters, and null or absent filters nothing', async () => {
    expect((await listJobs(ds, query({ decision: 'reject', statuses: ['processing'] }))).total).toBe(0);
    expect((await listJobs(ds, query({ decision: 'reject', kind: 'moderation', limit: 1 }))).total).toBe(2);
    expect((await listJobs(ds, query({ decision: null }))).total).toBe(6);
    expect((await listJobs(ds, query())).total).toBe(6);
  });
});
