import type { DataSource } from 'typeorm';
import { CodedError, type JobPage, type JobView, type ListJobsPayload } from '@jetjobs/contracts';
import { fold } from '@jetjobs/job-domain';
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

const newestFirst = (a: JobView, b: JobView): number =>
  a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;

/** Submissions in project-a (two at one instant, two a microsecond apart) and two in project-b. */
function seed(log: EventLog): void {
  const at = (job: JobRef, createdAt: string, then?: (job: JobRef) => void): void => {
    log.submit(job, createdAt);
    then?.(job);
  };
  at(newJob('project-a', 'avf-inference'), '2025-02-01T10:00:00Z', (j) => log.complete(j));
  at(newJob('project-a', 'moderation'), '2025-02-02T10:00:00Z', (j) => log.fail(j));
  at(newJob('project-a', 'avf-inference'), '2025-02-03T10:00:00Z', (j) => log.cancel(j));
  at(newJob('project-a', 'moderation'), '2025-02-03T10:00:00Z');
  at(newJob('project-a', 'avf-inference'), '2025-02-04T10:00:00.123456Z');
  at(newJob('project-a', 'avf-inference'), '2025-02-04T10:00:00.123457Z', (j) => log.complete(j));
  at(newJob('project-a', 'clipper'), '2025-02-05T10:00:00Z');
  at(newJob('project-b', 'avf-inference'), '2025-02-06T10:00:00Z');
  at(newJob('project-b', 'moderation'), '2025-01-01T10:00:00Z');
}

describe('listJobs', () => {
  const url = freshDatabaseUrl('list');
  let ds: DataSource;
  let projectA: JobView[];

  beforeAll(async () => {
    ds = await openDatabase(url);
    const log = new EventLog();
    seed(log);
    await applyEventBatch(ds, 'projector', log.events);
    const ids = [...new Set(log.events.map((e) => e.event.metadata.jobId))];
    const views = ids.map((id) => fold(log.events.filter((e) => e.event.metadata.jobId === id).map((e) => e.event)) as JobView);
    projectA = views.filter((v) => v.projectId === 'project-a').sort(newestFirst);
  });

  afterAll(async () => {
    await closeDatabase(ds);
    await dropDatabase(url);
  });

  const allPages = async (payload: ListJobsPayload): Promise<JobPage[]> => {
    const pages: JobPage[] = [];
    let cursor: string | null = null;
    do {
      const page = await listJobs(ds, { ...payload, cursor });
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return pages;
  };

  it("returns only the actor's project, newest first, as folded views", async () => {
    const page = await listJobs(ds, query());

    expect(page).toEqual({ items: projectA, total: 7, nextCursor: null });
    const other = await listJobs(ds, query({ actor: { projectId: 'project-b', subject: 'u' } }));
    expect(other.items.map((j) => j.projectId)).toEqual(['project-b', 'project-b']);
    expect(await listJobs(ds, query({ actor: { projectId: 'project-z', subject: 'u' } }))).toEqual({
      items: [],
      total: 0,
      nextCursor: null,
    });
  });

  it('filters by kind', async () => {
    const page = await listJobs(ds, query({ kind: 'moderation' }));

    expect(page.items).toEqual(projectA.filter((j) => j.kind === 'moderation'));
    expect(page.total).toBe(2);
  });

  it('filters by any of several statuses; an empty list filters nothing', async () => {
    const page = await listJobs(ds, query({ statuses: ['completed', 'cancelled'] }));

    expect(page.items).toEqual(projectA.filter((j) => j.status === 'completed' || j.status === 'cancelled'));
    expect(page.total).toBe(3);
    expect((await listJobs(ds, query({ statuses: [] }))).total).toBe(7);
  });

  it('filters by creation time, from inclusive to exclusive', async () => {
    const page = await listJobs(ds, query({ createdFrom: '2025-02-02T10:00:00Z', createdTo: '2025-02-04T10:00:00.123457Z' }));

    expect(page.items.map((j) => j.createdAt)).toEqual([
      '2025-02-04T10:00:00.123456Z',
      '2025-02-03T10:00:00Z',
      '2025-02-03T10:00:00Z',
      '2025-02-02T10:00:00Z',
    ]);
    expect(page.total).toBe(4);
  });

  it('walks keyset pages that cover every job exactly once, in order', async () => {
    // Pages of two split both the jobs created at one instant and the pair a microsecond apart.
    const pages = await allPages(query({ limit: 2 }));

    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 2, 1]);
    expect(pages.flatMap((p) => p.items).map((j) => j.id)).toEqual(projectA.map((j) => j.id));
    expect(pages.map((p) => p.total)).toEqual([7, 7, 7, 7]);
  });

  it('keeps filters and the total while paging by keyset', async () => {
    const first = await listJobs(ds, query({ kind: 'avf-inference', limit: 3 }));
    const second = await listJobs(ds, query({ kind: 'avf-inference', limit: 3, cursor: first.nextCursor }));

    const expected = projectA.filter((j) => j.kind === 'avf-inference');
    expect([first.total, second.total]).toEqual([4, 4]);
    expect([...first.items, ...second.items]).toEqual(expected);
    expect(second.nextCursor).toBeNull();
  });

  it('pages by offset', async () => {
    const page = await listJobs(ds, query({ limit: 3, offset: 2 }));

    expect(page.items).toEqual(projectA.slice(2, 5));
    expect(page.total).toBe(7);
    expect(page.nextCursor).not.toBeNull();
    const rest = await listJobs(ds, query({ limit: 3, cursor: page.nextCursor }));
    expect(rest.items).toEqual(projectA.slice(5));
    expect(await listJobs(ds, query({ limit: 3, offset: 7 }))).toEqual({ items: [], total: 7, nextCursor: null });
  });

  it('refuses a malformed cursor with validation_failed', async () => {
    const attempt = listJobs(ds, query({ cursor: 'not-a-cursor' }));

    await expect(attempt).rejects.toBeInstanceOf(CodedError);
    await expect(attempt).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
