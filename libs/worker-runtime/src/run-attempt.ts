import type { JsMsg } from '@nats-io/jetstream';
import { CodedError, type JobView } from '@jetjobs/contracts';
import { formatDuration } from '@jetjobs/media';
import { EventTooDeepError, type EventStore } from '@jetjobs/event-store';
import type { JobCommand } from '@jetjobs/job-domain';
import { addLogFields, rootLogger } from '@jetjobs/telemetry';
import type { CancellationHub } from './cancellation-hub';
import type { JobContext, JobHandler } from './job-context';
import type { JobSession } from './job-session';
import type { MediaStore } from './media-store';
import { describeError, type DescribedError } from './worker-errors';

export interface AttemptEnvironment {
  readonly store: EventStore;
  readonly media: MediaStore;
  readonly workerId: string;
  readonly handler: JobHandler;
  /** How often the work item is kept alive while the handler runs (well under ack_wait). */
  readonly heartbeatMs: number;
  /** Fires when the worker shuts down: running attempts are stopped and handed back. */
  readonly shutdown: AbortSignal;
  /** Tells a running attempt that its job's cancellation was requested. */
  readonly cancellations: CancellationHub;
  /** Wall-clock time one attempt may take, heartbeats or not; 0 for none. */
  readonly attemptDeadlineMs: number;
  /** Also receives each failure's full detail (as an `AttemptFailure`), which clients never see. */
  readonly onError?: (error: unknown) => void;
}

type StopReason = 'cancelled' | 'shutdown' | 'superseded' | 'deadline' | 'output_lost' | 'output_too_deep';

/** Time a stopped handler gets to return before its outcome is recorded without it. */
const STOP_GRACE_MS = 5_000;

/** A failed attempt as the service log sees it: the job, the code, and everything the client does not. */
export class AttemptFailure extends Error {
  constructor(
    readonly jobId: string,
    readonly attempt: number,
    readonly code: string,
    detail: string,
  ) {
    super(`job ${jobId} attempt ${attempt} failed (${code}): ${detail}`);
    this.name = 'AttemptFailure';
  }
}

/** Starts the attempt, runs the handler with its context, records the outcome, then acks. */
export async function runAttempt(message: JsMsg, session: JobSession, job: JobView, environment: AttemptEnvironment): Promise<void> {
  const controller = new AbortController();
  let stopReason: StopReason | null = null;
  const stop = (reason: StopReason) => {
    stopReason ??= reason;
    controller.abort(new Error(`attempt stopped: ${reason}`));
  };
  // Listen before starting, so that a cancel requested right after the start is not missed.
  const stopWatching = environment.cancellations.watch(job.id, () => stop('cancelled'));
  try {
    await session.execute({ type: 'StartJob', data: { workerId: environment.workerId } });
  } catch (error) {
    stopWatching();
    if (!(error instanceof CodedError)) throw error;
    message.ack(); // the job changed (cancelled, started elsewhere) between load and start
    return;
  }
  addLogFields({ project_id: job.projectId });
  const startedAt = performance.now();
  rootLogger().info({ worker_id: environment.workerId }, 'attempt started');
  const onShutdown = () => stop('shutdown');
  environment.shutdown.addEventListener('abort', onShutdown, { once: true });
  const heartbeat = setInterval(() => message.working(), environment.heartbeatMs);
  const deadline = attemptDeadline(environment.attemptDeadlineMs, () => stop('deadline'));
  let outcome: JobCommand;
  let failureDetail: string | null = null;
  try {
    // Heartbeats alone would keep a stuck attempt alive forever: past its deadline the attempt
    // is aborted, and recorded even if the handler ignores the abort.
    const result = await Promise.race([environment.handler(contextFor(session, job, environment, controller.signal, stop)), deadline.expired]);
    await session.settled();
    outcome = stopReason === null ? { type: 'CompleteJob', data: { attempt: job.attempt, result: result ?? null } } : outcomeOfStop(stopReason, job, environment);
  } catch (error) {
    await session.settled();
    const described = describeError(error);
    failureDetail = described.detail;
    outcome = stopReason === null ? outcomeOfError(described, job) : outcomeOfStop(stopReason, job, environment);
  } finally {
    deadline.clear();
    clearInterval(heartbeat);
    stopWatching();
    environment.shutdown.removeEventListener('abort', onShutdown);
  }
  if (outcome.type === 'FailJob' || outcome.type === 'FailAttempt') {
    const { code } = outcome.data.error;
    environment.onError?.(new AttemptFailure(job.id, job.attempt, code, failureDetail ?? outcome.data.error.message));
  }
  await recordOutcome(session, outcome, environment, job);
  message.ack();
  rootLogger().info({ outcome: outcome.type, duration_ms: Math.round(performance.now() - startedAt) }, 'attempt finished');
}

/** Fires `onExpiry` after `ms`; `expired` rejects a grace period later, for a handler that hangs. */
function attemptDeadline(ms: number, onExpiry: () => void): { expired: Promise<never>; clear: () => void } {
  if (ms <= 0) return { expired: new Promise<never>(() => undefined), clear: () => undefined };
  let grace: NodeJS.Timeout | undefined;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onExpiry();
      grace = setTimeout(() => reject(new Error('the attempt did not stop after its deadline')), STOP_GRACE_MS);
    }, ms);
  });
  return { expired, clear: () => (clearTimeout(timer), clearTimeout(grace)) };
}

function contextFor(
  session: JobSession,
  job: JobView,
  environment: AttemptEnvironment,
  signal: AbortSignal,
  stop: (reason: StopReason) => void,
): JobContext {
  const attempt = job.attempt;
  // Reports never reject: a handler may fire them without awaiting. A report the job no longer
  // accepts means the attempt was superseded, so the handler is told to stop.
  const report = (command: JobCommand) =>
    session.execute(command).then(
      () => {
        if (session.state.status !== 'absent' && session.state.cancelRequested) stop('cancelled');
      },
      (error: unknown) => {
        if (error instanceof CodedError) return stop('superseded');
        // An output the read model could not store fails the job: another attempt would send it again.
        if (error instanceof EventTooDeepError) return stop('output_too_deep');
        environment.onError?.(error);
        // A lost progress or log line is only a gap in the story; a lost partial result would
        // let the attempt complete without it: stop, and let the retry policy run it again.
        if (command.type === 'AddOutput') stop('output_lost');
      },
    );
  return {
    job: { id: job.id, kind: job.kind, projectId: job.projectId, attempt, input: job.input },
    signal,
    // Scoped to the job: it reads only its project's objects and records its project on writes.
    media: environment.media.forJob(job),
    progress: (percent, detail, extra) =>
      report({
        type: 'ReportProgress',
        data: {
          attempt,
          progress: Math.min(100, Math.max(0, percent)),
          detail: detail ?? null,
          framesCompleted: extra?.framesCompleted ?? null,
          frameCount: extra?.frameCount ?? null,
        },
      }),
    log: (line, level = 'info') => report({ type: 'AppendLog', data: { attempt, level, line } }),
    output: (partial) => report({ type: 'AddOutput', data: { attempt, output: partial ?? null } }),
  };
}

const STOP_MESSAGES = {
  shutdown: 'The worker shut down during the attempt',
  superseded: 'The attempt was superseded',
  output_lost: 'A partial result could not be recorded (the event store did not answer); the job will be tried again',
} as const;

function outcomeOfStop(reason: StopReason, job: JobView, environment: AttemptEnvironment): JobCommand {
  if (reason === 'cancelled') return { type: 'ConfirmCancel', data: { attempt: job.attempt } };
  if (reason === 'output_too_deep') {
    const { code, message } = new EventTooDeepError('JobOutputAdded');
    return { type: 'FailJob', data: { error: { code, message } } };
  }
  if (reason === 'deadline') {
    // Permanent: media is bounded when probed, so an attempt that still overruns would overrun
    // again, and each retry would cost another full deadline of a worker.
    const message = `The job ran past this service's limit of ${formatDuration(environment.attemptDeadlineMs / 1000)} per attempt`;
    return { type: 'FailJob', data: { error: { code: 'attempt_deadline_exceeded', message } } };
  }
  // Shut down mid-attempt: record it as a failed attempt so the retry policy runs it again soon.
  const message = STOP_MESSAGES[reason];
  return { type: 'FailAttempt', data: { attempt: job.attempt, error: { code: `worker_${reason}`, message } } };
}

function outcomeOfError({ code, message, permanent }: DescribedError, job: JobView): JobCommand {
  return permanent
    ? { type: 'FailJob', data: { error: { code, message } } }
    : { type: 'FailAttempt', data: { attempt: job.attempt, error: { code, message } } };
}

async function recordOutcome(session: JobSession, outcome: JobCommand, environment: AttemptEnvironment, job: JobView): Promise<void> {
  try {
    await session.execute(outcome);
  } catch (error) {
    // A result the read model could not store never reaches the stream: the job fails, saying so.
    if (error instanceof EventTooDeepError && outcome.type === 'CompleteJob') {
      const { code, message } = describeError(error);
      environment.onError?.(new AttemptFailure(job.id, job.attempt, code, message));
      return recordOutcome(session, { type: 'FailJob', data: { error: { code, message } } }, environment, job);
    }
    // The job moved on without us (failed as dead, or this attempt was superseded): nothing to record.
    if (!(error instanceof CodedError)) throw error;
    environment.onError?.(error);
  }
}

export type { EventStore, MediaStore };
