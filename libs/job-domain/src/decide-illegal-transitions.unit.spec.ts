import { decide } from './decide';
import type { JobCommand, JobCommandType } from './job-commands';
import { IllegalTransitionError, JobAlreadyExistsError } from './job-errors';
import { isAbsent } from './job-state';
import { given, JOB_ID, stateAfter } from './testing/decider-spec';
import { commands } from './testing/job-fixtures';
import { histories, STATE_LABELS, STATE_NAMES, type StateName } from './testing/job-histories';

const WORKER_RUNNING: StateName[] = ['processing', 'cancelRequested'];
const NOT_FINISHED: StateName[] = ['queued', 'queuedAfterRetry', 'processing', 'cancelRequested', 'attemptFailed'];

/**
 * Where each command is legal; the given/when/then specs cover those cells. Every other state
 * rejects the command, which this matrix checks cell by cell.
 */
const LEGAL_IN: Record<JobCommandType, readonly StateName[]> = {
  SubmitJob: ['absent'],
  StartJob: ['queued', 'queuedAfterRetry'],
  ReportProgress: WORKER_RUNNING,
  AppendLog: WORKER_RUNNING,
  AddOutput: WORKER_RUNNING,
  CompleteJob: WORKER_RUNNING,
  FailAttempt: WORKER_RUNNING,
  ScheduleRetry: ['attemptFailed'],
  FailJob: NOT_FINISHED,
  RequestCancel: NOT_FINISHED,
  ConfirmCancel: ['cancelRequested'],
  RetryJob: ['failed', 'cancelled'],
};

/** Commands that name an attempt name the job's current one, so only the state can reject them. */
const COMMAND_FOR: Record<JobCommandType, (attempt: number) => JobCommand> = {
  SubmitJob: commands.submitJob,
  StartJob: commands.startJob,
  ReportProgress: commands.reportProgress,
  AppendLog: commands.appendLog,
  AddOutput: commands.addOutput,
  CompleteJob: commands.completeJob,
  FailAttempt: commands.failAttempt,
  ScheduleRetry: commands.scheduleRetry,
  FailJob: commands.failJob,
  RequestCancel: () => commands.requestCancel(),
  ConfirmCancel: commands.confirmCancel,
  RetryJob: commands.retryJob,
};

function currentAttempt(state: StateName): number {
  const folded = stateAfter(histories[state]);
  return isAbsent(folded) ? 1 : folded.attempt;
}

const cells = (Object.keys(LEGAL_IN) as JobCommandType[]).flatMap((type) =>
  STATE_NAMES.map((state) => ({
    type,
    state,
    label: STATE_LABELS[state],
    legal: LEGAL_IN[type].includes(state),
    command: COMMAND_FOR[type](currentAttempt(state)),
  })),
);
const illegal = cells.filter((cell) => !cell.legal);

describe('decide: the transition matrix', () => {
  it.each(cells.filter((cell) => cell.legal))('$type is accepted when the job is $label', ({ state, command }) => {
    expect(() => decide(command, stateAfter(histories[state]))).not.toThrow();
  });
});

describe('decide: illegal transitions', () => {
  const transitions = illegal.filter((row) => row.type !== 'SubmitJob');
  it.each(transitions)('$type is rejected when the job is $label', ({ state, command }) => {
    const error = given(histories[state]).when(command).thenThrows(IllegalTransitionError, 'illegal_transition');
    expect(error.status).toBe(stateAfter(histories[state]).status);
  });

  const duplicates = illegal.filter((row) => row.type === 'SubmitJob');
  it.each(duplicates)('SubmitJob is rejected when the job is already $label', ({ state, command }) => {
    const error = given(histories[state]).when(command).thenThrows(JobAlreadyExistsError, 'job_already_exists');
    expect(error.message).toContain(JOB_ID);
  });
});
