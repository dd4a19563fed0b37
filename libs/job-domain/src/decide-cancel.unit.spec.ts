import { AttemptMismatchError } from './job-errors';
import { given } from './testing/decider-spec';
import { CANCEL_REASON, commands, events } from './testing/job-fixtures';
import { histories } from './testing/job-histories';

describe('decide: RequestCancel', () => {
  it('cancels a queued job at once: no worker holds it', () => {
    given(histories.queued)
      .when(commands.requestCancel('wrong preset'))
      .then([{ type: 'JobCancelled', data: { reason: 'wrong preset' } }]);
  });

  it('cancels a job waiting for its retry at once', () => {
    given(histories.queuedAfterRetry).when(commands.requestCancel()).then([{ type: 'JobCancelled', data: { reason: CANCEL_REASON } }]);
  });

  it('cancels a job between attempts at once', () => {
    given(histories.attemptFailed).when(commands.requestCancel()).then([{ type: 'JobCancelled', data: { reason: CANCEL_REASON } }]);
  });

  it('asks the worker of a processing job to stop', () => {
    given(histories.processing)
      .when(commands.requestCancel())
      .then([{ type: 'JobCancelRequested', data: { reason: CANCEL_REASON } }]);
  });

  it('accepts a cancel without a reason', () => {
    given(histories.processing).when(commands.requestCancel(null)).then([{ type: 'JobCancelRequested', data: { reason: null } }]);
  });

  it('is already satisfied when a cancel is pending', () => {
    given(histories.cancelRequested).when(commands.requestCancel('asked twice')).thenNothingHappened();
  });

  it('cancels at once when the attempt failed after the cancel was requested', () => {
    given([...histories.cancelRequested, events.attemptFailed(1)])
      .when(commands.requestCancel('asked twice'))
      .then([{ type: 'JobCancelled', data: { reason: 'asked twice' } }]);
  });
});

describe('decide: ConfirmCancel', () => {
  it('cancels the job with the reason given when the cancel was requested', () => {
    given(histories.cancelRequested).when(commands.confirmCancel(1)).then([{ type: 'JobCancelled', data: { reason: CANCEL_REASON } }]);
  });

  it('keeps a missing reason missing', () => {
    given([...histories.processing, events.cancelRequested(null)])
      .when(commands.confirmCancel(1))
      .then([{ type: 'JobCancelled', data: { reason: null } }]);
  });

  it('cancels when the worker failed the attempt before it saw the cancel', () => {
    given([...histories.cancelRequested, events.attemptFailed(1)])
      .when(commands.confirmCancel(1))
      .then([{ type: 'JobCancelled', data: { reason: CANCEL_REASON } }]);
  });

  it('cancels the attempt that runs after a retry', () => {
    given([...histories.queuedAfterRetry, events.started(2), events.cancelRequested()])
      .when(commands.confirmCancel(2))
      .then([{ type: 'JobCancelled', data: { reason: CANCEL_REASON } }]);
  });

  it('rejects a confirmation from a stale attempt', () => {
    given([...histories.queuedAfterRetry, events.started(2), events.cancelRequested()])
      .when(commands.confirmCancel(1))
      .thenThrows(AttemptMismatchError, 'attempt_mismatch');
  });

  it('rejects a confirmation naming a future attempt', () => {
    given(histories.cancelRequested).when(commands.confirmCancel(2)).thenThrows(AttemptMismatchError, 'attempt_mismatch');
  });
});
