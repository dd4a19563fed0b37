import { AttemptMismatchError, IllegalTransitionError } from './job-errors';
import { given } from './testing/decider-spec';
import { commands, ENCODER_CRASHED, events } from './testing/job-fixtures';
import { histories } from './testing/job-histories';

const progressed55 = { attempt: 1, progress: 55, detail: 'encoding 55%', framesCompleted: 550, frameCount: 1000 };

describe('decide: worker reports on the running attempt', () => {
  it('ReportProgress records progress', () => {
    given(histories.processing).when(commands.reportProgress(1)).then([{ type: 'JobProgressed', data: progressed55 }]);
  });

  it('AppendLog records a log line', () => {
    given(histories.processing)
      .when(commands.appendLog(1))
      .then([{ type: 'JobLogged', data: { attempt: 1, level: 'warn', line: 'dropped 2 frames' } }]);
  });

  it('AddOutput records an output', () => {
    given(histories.processing)
      .when(commands.addOutput(1))
      .then([{ type: 'JobOutputAdded', data: { attempt: 1, output: { url: 's3://media/out-720p.mp4' } } }]);
  });

  it('CompleteJob completes the job with its result', () => {
    given(histories.processing)
      .when(commands.completeJob(1))
      .then([{ type: 'JobCompleted', data: { attempt: 1, result: { durationSeconds: 42 } } }]);
  });

  it('FailAttempt fails the attempt, leaving the job to the retry policy', () => {
    given(histories.processing)
      .when(commands.failAttempt(1))
      .then([{ type: 'JobAttemptFailed', data: { attempt: 1, error: ENCODER_CRASHED } }]);
  });
});

describe('decide: worker reports while a cancel is pending', () => {
  it('ReportProgress still records progress until the worker confirms', () => {
    given(histories.cancelRequested).when(commands.reportProgress(1)).then([{ type: 'JobProgressed', data: progressed55 }]);
  });

  it('AppendLog still records a log line', () => {
    given(histories.cancelRequested)
      .when(commands.appendLog(1))
      .then([{ type: 'JobLogged', data: { attempt: 1, level: 'warn', line: 'dropped 2 frames' } }]);
  });

  it('AddOutput still records an output', () => {
    given(histories.cancelRequested)
      .when(commands.addOutput(1))
      .then([{ type: 'JobOutputAdded', data: { attempt: 1, output: { url: 's3://media/out-720p.mp4' } } }]);
  });

  it('CompleteJob lets work that finished first win over the cancel', () => {
    given(histories.cancelRequested)
      .when(commands.completeJob(1))
      .then([{ type: 'JobCompleted', data: { attempt: 1, result: { durationSeconds: 42 } } }]);
  });

  it('FailAttempt records the failure', () => {
    given(histories.cancelRequested)
      .when(commands.failAttempt(1))
      .then([{ type: 'JobAttemptFailed', data: { attempt: 1, error: ENCODER_CRASHED } }]);
  });
});

describe('decide: reports from a stale attempt', () => {
  const runningSecondAttempt = [...histories.queuedAfterRetry, events.started(2)];
  const reports = [
    commands.reportProgress,
    commands.appendLog,
    commands.addOutput,
    commands.completeJob,
    commands.failAttempt,
  ].map((command) => command(1));

  it.each(reports.map((command) => ({ command, type: command.type })))(
    '$type from attempt 1 is rejected once attempt 2 runs',
    ({ command }) => {
      given(runningSecondAttempt).when(command).thenThrows(AttemptMismatchError, 'attempt_mismatch');
    },
  );

  it.each(reports.map((command) => ({ command, type: command.type })))(
    '$type naming a future attempt is rejected',
    ({ command }) => {
      given(histories.processing)
        .when({ ...command, data: { ...command.data, attempt: 2 } } as typeof command)
        .thenThrows(AttemptMismatchError, 'attempt_mismatch');
    },
  );

  it('the current attempt is still accepted once attempt 2 runs', () => {
    given(runningSecondAttempt)
      .when(commands.completeJob(2))
      .then([{ type: 'JobCompleted', data: { attempt: 2, result: { durationSeconds: 42 } } }]);
  });

  it('a stale report after a failed attempt is a mismatch, not an illegal transition', () => {
    given(histories.attemptFailed).when(commands.appendLog(2)).thenThrows(AttemptMismatchError, 'attempt_mismatch');
  });

  it('a report for an attempt that already failed names the failure', () => {
    const error = given(histories.attemptFailed)
      .when(commands.reportProgress(1))
      .thenThrows(IllegalTransitionError, 'illegal_transition');
    expect(error.message).toContain('attempt 1 already failed');
  });
});
