import type { JobView } from '@jetjobs/contracts';
import { occurredAt, stateAfter } from './testing/decider-spec';
import { CANCEL_REASON, ENCODER_CRASHED, events, RETRIES_EXHAUSTED, RETRY_DUE_AT } from './testing/job-fixtures';

const { submitted, started, progressed, logged, outputAdded, completed, attemptFailed, retryScheduled, failed } = events;
const { cancelRequested, cancelled } = events;

const view = (history: Parameters<typeof stateAfter>[0]) => stateAfter(history) as JobView;

const firstAttemptFailed = [
  submitted(),
  started(1),
  progressed(1, 60),
  logged(1, 'segment 3 corrupt'),
  outputAdded(1, { url: 's3://media/partial.mp4' }),
  attemptFailed(1),
];

describe('evolve: automatic retry', () => {
  it('marks a failed attempt while the job stays processing', () => {
    expect(view(firstAttemptFailed)).toMatchObject({ status: 'processing', attempt: 1, attemptFailed: true, error: ENCODER_CRASHED });
  });

  it('queues the next attempt and resets what the failed one produced', () => {
    expect(view([...firstAttemptFailed, retryScheduled(2)])).toMatchObject({
      status: 'queued',
      version: 7,
      attempt: 2,
      attemptFailed: false,
      progress: 0,
      detail: null,
      framesCompleted: null,
      frameCount: null,
      outputs: [],
      result: null,
      error: null,
      retryDueAt: RETRY_DUE_AT,
      finishedAt: null,
      updatedAt: occurredAt(7),
    });
  });

  it('keeps the log of every attempt', () => {
    const retried = view([...firstAttemptFailed, retryScheduled(2), started(2), logged(2, 'retrying')]);
    expect(retried.logs.map((log) => log.line)).toEqual(['segment 3 corrupt', 'retrying']);
  });

  it('starts the next attempt when it is due', () => {
    expect(view([...firstAttemptFailed, retryScheduled(2), started(2)])).toMatchObject({
      status: 'processing',
      attempt: 2,
      retryDueAt: null,
      startedAt: occurredAt(8),
    });
  });

  it('completes on a later attempt without the earlier error', () => {
    expect(view([...firstAttemptFailed, retryScheduled(2), started(2), completed(2, { ok: true })])).toMatchObject({
      status: 'completed',
      attempt: 2,
      result: { ok: true },
      error: null,
      progress: 100,
      finishedAt: occurredAt(9),
    });
  });
});

describe('evolve: failure and manual retry', () => {
  it('fails the job with the final error', () => {
    expect(view([...firstAttemptFailed, failed(1)])).toMatchObject({
      status: 'failed',
      attempt: 1,
      error: RETRIES_EXHAUSTED,
      finishedAt: occurredAt(7),
    });
  });

  it('requeues a failed job as its next attempt with a clean slate', () => {
    expect(view([...firstAttemptFailed, failed(1), retryScheduled(2, 'manual')])).toMatchObject({
      status: 'queued',
      attempt: 2,
      attemptFailed: false,
      progress: 0,
      outputs: [],
      result: null,
      error: null,
      retryDueAt: RETRY_DUE_AT,
      finishedAt: null,
    });
  });
});

describe('evolve: cancellation', () => {
  const running = [submitted(), started(1), progressed(1, 30)];

  it('records a pending cancel while the worker still runs', () => {
    expect(view([...running, cancelRequested()])).toMatchObject({
      status: 'processing',
      cancelRequested: true,
      cancelReason: CANCEL_REASON,
      error: null,
      finishedAt: null,
    });
  });

  it('cancels with error code cancelled carrying the reason', () => {
    expect(view([...running, cancelRequested(), cancelled()])).toMatchObject({
      status: 'cancelled',
      progress: 30,
      error: { code: 'cancelled', message: CANCEL_REASON },
      finishedAt: occurredAt(5),
    });
  });

  it('explains a cancel without a reason', () => {
    expect(view([submitted(), cancelled(null)])).toMatchObject({
      status: 'cancelled',
      attempt: 1,
      startedAt: null,
      error: { code: 'cancelled', message: 'Cancelled on request' },
      finishedAt: occurredAt(2),
    });
  });

  it('requeues a cancelled job without its cancel or its error', () => {
    expect(view([...running, cancelRequested(), cancelled(), retryScheduled(2, 'manual')])).toMatchObject({
      status: 'queued',
      attempt: 2,
      cancelRequested: false,
      cancelReason: null,
      error: null,
      progress: 0,
      finishedAt: null,
    });
  });
});
