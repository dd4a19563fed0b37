import { parseJobEvent } from '@jetjobs/contracts';
import { IllegalTransitionError } from './job-errors';
import { given, toStoredEvents } from './testing/decider-spec';
import { CANCEL_REASON, commands, events, OPERATOR, RETRIES_EXHAUSTED, RETRY_DUE_AT } from './testing/job-fixtures';
import { histories } from './testing/job-histories';

describe('decide: ScheduleRetry (automatic)', () => {
  it('schedules the next attempt after a failed one', () => {
    given(histories.attemptFailed)
      .when(commands.scheduleRetry())
      .then([{ type: 'JobRetryScheduled', data: { attempt: 2, dueAt: RETRY_DUE_AT, reason: 'automatic', requestedBy: null } }]);
  });

  it('counts attempts across retries', () => {
    given([...histories.queuedAfterRetry, events.started(2), events.attemptFailed(2)])
      .when({ type: 'ScheduleRetry', data: { dueAt: '2025-03-01T12:00:00.000Z' } })
      .then([
        { type: 'JobRetryScheduled', data: { attempt: 3, dueAt: '2025-03-01T12:00:00.000Z', reason: 'automatic', requestedBy: null } },
      ]);
  });

  it('cancels instead when a cancel was requested while the attempt failed', () => {
    given([...histories.cancelRequested, events.attemptFailed(1)])
      .when(commands.scheduleRetry())
      .then([{ type: 'JobCancelled', data: { reason: CANCEL_REASON } }]);
  });
});

describe('decide: FailJob', () => {
  const failedOn = (attempt: number) => [{ type: 'JobFailed' as const, data: { attempt, error: RETRIES_EXHAUSTED } }];

  it('fails a job whose attempt failed and has no retries left', () => {
    given(histories.attemptFailed).when(commands.failJob()).then(failedOn(1));
  });

  it('fails a queued job before any attempt ran', () => {
    given(histories.queued).when(commands.failJob()).then(failedOn(1));
  });

  it('fails a job waiting for its retry, on the attempt it waits for', () => {
    given(histories.queuedAfterRetry).when(commands.failJob()).then(failedOn(2));
  });

  it('fails a processing job', () => {
    given(histories.processing).when(commands.failJob()).then(failedOn(1));
  });

  it('fails a processing job whose cancel is pending', () => {
    given(histories.cancelRequested).when(commands.failJob()).then(failedOn(1));
  });
});

describe('decide: RetryJob (manual)', () => {
  it('retries a failed job as its next attempt', () => {
    given(histories.failed)
      .when(commands.retryJob())
      .then([{ type: 'JobRetryScheduled', data: { attempt: 2, dueAt: RETRY_DUE_AT, reason: 'manual', requestedBy: OPERATOR } }]);
  });

  it('retries a cancelled job as its next attempt', () => {
    given(histories.cancelled)
      .when({ type: 'RetryJob', data: { dueAt: RETRY_DUE_AT, requestedBy: 'user-other' } })
      .then([{ type: 'JobRetryScheduled', data: { attempt: 2, dueAt: RETRY_DUE_AT, reason: 'manual', requestedBy: 'user-other' } }]);
  });

  it('records why the operator asked when a comment is given', () => {
    given(histories.failed)
      .when({ type: 'RetryJob', data: { dueAt: RETRY_DUE_AT, requestedBy: OPERATOR, comment: 'upstream fixed' } })
      .then([
        {
          type: 'JobRetryScheduled',
          data: { attempt: 2, dueAt: RETRY_DUE_AT, reason: 'manual', requestedBy: OPERATOR, comment: 'upstream fixed' },
        },
      ]);
  });

  it('still reads retries recorded before comments existed', () => {
    const [stored] = toStoredEvents([events.retryScheduled(2, 'manual')]);
    expect(Object.keys(parseJobEvent(stored).data)).toEqual(['attempt', 'dueAt', 'reason', 'requestedBy']);
  });

  it('refuses a manual retry once the job has had as many as allowed', () => {
    const error = given([...histories.failed, events.retryScheduled(2, 'manual'), events.started(2), events.failed(2)])
      .when({ type: 'RetryJob', data: { dueAt: RETRY_DUE_AT, requestedBy: OPERATOR, manualRetries: { before: 1, max: 1 } } })
      .thenThrows(IllegalTransitionError, 'illegal_transition');
    expect(error.message).toBe('Cannot retry a job that is failed: it was retried 1 times already, the most allowed: submit it again as a new job');
  });

  it('allows a manual retry below the bound', () => {
    given(histories.failed)
      .when({ type: 'RetryJob', data: { dueAt: RETRY_DUE_AT, requestedBy: OPERATOR, manualRetries: { before: 0, max: 1 } } })
      .then([{ type: 'JobRetryScheduled', data: { attempt: 2, dueAt: RETRY_DUE_AT, reason: 'manual', requestedBy: OPERATOR } }]);
  });

  it('retries a job that failed again after a manual retry', () => {
    given([...histories.failed, events.retryScheduled(2, 'manual'), events.started(2), events.failed(2)])
      .when(commands.retryJob())
      .then([{ type: 'JobRetryScheduled', data: { attempt: 3, dueAt: RETRY_DUE_AT, reason: 'manual', requestedBy: OPERATOR } }]);
  });
});
