import type { JobView } from '@jetjobs/contracts';
import { evolve, fold } from './evolve';
import { initialJobState, type JobState } from './job-state';
import { JOB_ID, JOB_KIND, occurredAt, PROJECT_ID, stateAfter, toStoredEvents } from './testing/decider-spec';
import { events, INPUT, WEBHOOK_URL } from './testing/job-fixtures';

const { submitted, started, progressed, logged, outputAdded, completed } = events;

const queuedView: JobView = {
  id: JOB_ID,
  kind: JOB_KIND,
  projectId: PROJECT_ID,
  status: 'queued',
  version: 1,
  attempt: 1,
  attemptFailed: false,
  input: INPUT,
  webhookUrl: WEBHOOK_URL,
  progress: 0,
  detail: null,
  framesCompleted: null,
  frameCount: null,
  logs: [],
  outputs: [],
  result: null,
  error: null,
  cancelRequested: false,
  cancelReason: null,
  retryDueAt: null,
  createdAt: occurredAt(1),
  updatedAt: occurredAt(1),
  startedAt: null,
  finishedAt: null,
};

const lifecycle = [
  submitted(),
  started(1),
  progressed(1, 50),
  logged(1, 'probe ok'),
  outputAdded(1, { url: 's3://media/out-720p.mp4' }),
  progressed(1, 90),
  completed(1, { durationSeconds: 42 }),
];

describe('evolve: a job from submission to completion', () => {
  it('folds a submission into a queued job on its first attempt', () => {
    expect(stateAfter([submitted()])).toEqual(queuedView);
  });

  it('folds a start into a processing job', () => {
    expect(stateAfter(lifecycle.slice(0, 2))).toEqual({
      ...queuedView,
      status: 'processing',
      version: 2,
      updatedAt: occurredAt(2),
      startedAt: occurredAt(2),
    });
  });

  it('folds the whole lifecycle into the completed view', () => {
    expect(stateAfter(lifecycle)).toEqual({
      ...queuedView,
      status: 'completed',
      version: 7,
      progress: 100,
      detail: 'encoding 90%',
      framesCompleted: 900,
      frameCount: 1000,
      logs: [{ at: occurredAt(4), level: 'info', line: 'probe ok' }],
      outputs: [{ url: 's3://media/out-720p.mp4' }],
      result: { durationSeconds: 42 },
      updatedAt: occurredAt(7),
      startedAt: occurredAt(2),
      finishedAt: occurredAt(7),
    } satisfies JobView);
  });

  it('takes version and updatedAt from each event it folds', () => {
    const stored = toStoredEvents(lifecycle);
    let state: JobState = initialJobState();
    for (const event of stored) {
      state = evolve(state, event);
      expect(state).toMatchObject({ version: event.metadata.version, updatedAt: event.metadata.occurredAt });
    }
  });

  it('keeps log lines in order with the time each was written', () => {
    const view = stateAfter([submitted(), started(1), logged(1, 'first'), logged(1, 'second')]) as JobView;
    expect(view.logs).toEqual([
      { at: occurredAt(3), level: 'info', line: 'first' },
      { at: occurredAt(4), level: 'info', line: 'second' },
    ]);
  });
});

describe('fold', () => {
  it('starts from an absent job', () => {
    expect(fold([])).toEqual({ status: 'absent', version: 0 });
    expect(initialJobState()).toEqual({ status: 'absent', version: 0 });
  });

  it('resumes from a state folded earlier', () => {
    const stored = toStoredEvents(lifecycle);
    expect(fold(stored.slice(3), fold(stored.slice(0, 3)))).toEqual(fold(stored));
  });

  it('ignores events of a job that was never submitted', () => {
    const [, ...withoutSubmission] = toStoredEvents(lifecycle);
    expect(fold(withoutSubmission)).toEqual({ status: 'absent', version: 0 });
  });

  it('ignores a second submission of the same job', () => {
    const [first, second] = toStoredEvents(lifecycle);
    const resubmission = { type: 'JobSubmitted', data: { input: 'other', webhookUrl: null } } as const;
    const [, , resubmitted] = toStoredEvents([submitted(), started(1), resubmission]);
    const before = fold([first!, second!]);
    expect(evolve(before, resubmitted!)).toBe(before);
  });

  it('never changes the state it folds from', () => {
    const stored = toStoredEvents(lifecycle);
    const before = fold(stored.slice(0, 5));
    const snapshot = structuredClone(before);
    evolve(before, stored[5]!);
    evolve(before, stored[6]!);
    expect(before).toEqual(snapshot);
  });
});
