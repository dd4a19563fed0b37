import { IllegalTransitionError } from './job-errors';
import { given } from './testing/decider-spec';
import { commands, events, INPUT, WEBHOOK_URL, WORKER_ID } from './testing/job-fixtures';
import { histories } from './testing/job-histories';

describe('decide: SubmitJob', () => {
  it('submits a job that does not exist yet', () => {
    given(histories.absent)
      .when(commands.submitJob())
      .then([{ type: 'JobSubmitted', data: { input: INPUT, webhookUrl: WEBHOOK_URL } }]);
  });

  it('submits a job without a webhook', () => {
    given(histories.absent)
      .when({ type: 'SubmitJob', data: { input: { text: 'hello' }, webhookUrl: null } })
      .then([{ type: 'JobSubmitted', data: { input: { text: 'hello' }, webhookUrl: null } }]);
  });
});

describe('decide: StartJob', () => {
  it('starts the first attempt of a queued job', () => {
    given(histories.queued)
      .when(commands.startJob())
      .then([{ type: 'JobStarted', data: { attempt: 1, workerId: WORKER_ID } }]);
  });

  it('starts the attempt an automatic retry scheduled', () => {
    given(histories.queuedAfterRetry)
      .when(commands.startJob())
      .then([{ type: 'JobStarted', data: { attempt: 2, workerId: WORKER_ID } }]);
  });

  it('starts the attempt a manual retry scheduled', () => {
    given([...histories.failed, events.retryScheduled(2, 'manual')])
      .when({ type: 'StartJob', data: { workerId: 'worker-b' } })
      .then([{ type: 'JobStarted', data: { attempt: 2, workerId: 'worker-b' } }]);
  });

  it('starts the third attempt after two automatic retries', () => {
    given([
      ...histories.queuedAfterRetry,
      events.started(2),
      events.attemptFailed(2),
      events.retryScheduled(3),
    ])
      .when(commands.startJob())
      .then([{ type: 'JobStarted', data: { attempt: 3, workerId: WORKER_ID } }]);
  });

  it('refuses to start a queued job that carries a cancel request', () => {
    given([...histories.queued, events.cancelRequested()])
      .when(commands.startJob())
      .thenThrows(IllegalTransitionError, 'illegal_transition');
  });
});
