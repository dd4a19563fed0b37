import { fold } from '@jetjobs/job-domain';
import { EventLog, newJob } from '../testing/stored-events.fixture';
import { eventsAfter, jobIdsOf, projectJobRows } from './job-rows.projection';

describe('eventsAfter', () => {
  it('keeps the events after the checkpoint, oldest first, each sequence once', () => {
    const log = new EventLog();
    const job = newJob();
    log.submit(job);
    log.complete(job);
    const [e1, e2, e3, e4] = log.events;

    const fresh = eventsAfter(2, [e4!, e1!, e3!, e2!, e3!]);

    expect(fresh.map((e) => e.seq)).toEqual([3, 4]);
  });
});

describe('projectJobRows', () => {
  it('folds each job to the same state as fold, with the sequence of its last event', () => {
    const log = new EventLog();
    const done = newJob();
    const failed = newJob('project-b', 'moderation');
    log.submit(done);
    log.submit(failed);
    log.complete(done);
    log.fail(failed);

    const rows = projectJobRows(new Map(), log.events);

    const expected = [done, failed].map((job) => {
      const history = log.events.filter((e) => e.event.metadata.jobId === job.id);
      return { id: job.id, state: fold(history.map((e) => e.event)), lastSeq: history.at(-1)!.seq };
    });
    expected.sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(rows.map((r) => ({ id: r.id, state: r.state, lastSeq: r.last_seq }))).toEqual(expected);
    expect(rows.find((r) => r.id === failed.id)).toMatchObject({ status: 'failed', attempt: 2, project_id: 'project-b' });
  });

  it('continues from the state already stored for a job', () => {
    const log = new EventLog();
    const job = newJob();
    log.submit(job);
    log.complete(job);
    const [first, ...rest] = log.events;
    const [stored] = projectJobRows(new Map(), [first!]);

    const [row] = projectJobRows(new Map([[job.id, stored!.state]]), rest);

    expect(row!.state).toEqual(fold(log.events.map((e) => e.event)));
  });

  it('writes no row for a job whose submission it never saw', () => {
    const log = new EventLog();
    const job = newJob();
    log.submit(job);
    log.complete(job);

    expect(projectJobRows(new Map(), log.events.slice(1))).toEqual([]);
    expect(jobIdsOf(log.events)).toEqual([job.id]);
  });
});
