import type { JsMsg } from '@nats-io/jetstream';
import { isTerminal, workItemSchema, type JobView, type WorkItem } from '@jetjobs/contracts';
import { EventStore } from '@jetjobs/event-store';
import { IllegalTransitionError, isAbsent, type JobCommand } from '@jetjobs/job-domain';
import { TRACEPARENT_HEADER, withSpan } from '@jetjobs/telemetry';
import { JobSession } from './job-session';
import { runAttempt, type AttemptEnvironment } from './run-attempt';

export interface WorkItemOutcome {
  readonly jobId: string | null;
  readonly action: 'ran' | 'skipped' | 'recovered' | 'invalid';
}

/**
 * Handles one delivery of a work item. The job's events decide what the delivery means: a
 * queued job is started, a job whose attempt already ran elsewhere and whose worker vanished is
 * recorded as a failed attempt (the retry policy takes it from there), and anything already
 * finished, cancelled or superseded is acknowledged and skipped.
 */
export async function processWorkItem(message: JsMsg, environment: AttemptEnvironment): Promise<WorkItemOutcome> {
  const parsed = workItemSchema.safeParse(safeJson(message));
  if (!parsed.success) {
    message.term();
    return { jobId: null, action: 'invalid' };
  }
  const item = parsed.data;
  // The dispatcher sends the job's trace along: this delivery and everything it does join it.
  const parent = message.headers?.get(TRACEPARENT_HEADER) || null;
  const fields = { job_id: item.jobId, kind: item.kind, attempt: item.attempt };
  const attributes = { 'jetjobs.job_id': item.jobId, 'jetjobs.kind': item.kind, 'jetjobs.attempt': item.attempt, 'jetjobs.worker_id': environment.workerId };
  return withSpan(`${item.kind} attempt`, { parent, kind: 'consumer', fields, attributes }, async (span) => {
    const outcome = await handleItem(message, item, environment);
    span.setAttributes({ 'jetjobs.delivery': outcome.action });
    return outcome;
  });
}

async function handleItem(message: JsMsg, item: WorkItem, environment: AttemptEnvironment): Promise<WorkItemOutcome> {
  const loaded = await environment.store.load(item.jobId);
  const state = loaded.state;
  if (isAbsent(state) || isTerminal(state.status) || state.attempt !== item.attempt || state.attemptFailed) {
    message.ack();
    return { jobId: item.jobId, action: 'skipped' };
  }
  const session = new JobSession(environment.store, item.jobId, loaded, item.jobId);
  if (state.status === 'processing') return recover(message, session, state, item);
  await runAttempt(message, session, state, environment);
  return { jobId: item.jobId, action: 'ran' };
}

/**
 * The attempt was started before. A first delivery means a duplicate item while another worker
 * runs it; a redelivery means that worker stopped answering (ack_wait passed without a heartbeat).
 */
async function recover(message: JsMsg, session: JobSession, state: JobView, item: WorkItem): Promise<WorkItemOutcome> {
  if (message.info.deliveryCount <= 1) {
    message.ack();
    return { jobId: item.jobId, action: 'skipped' };
  }
  const command: JobCommand = state.cancelRequested
    ? { type: 'ConfirmCancel', data: { attempt: state.attempt } }
    : {
        type: 'FailAttempt',
        data: {
          attempt: state.attempt,
          error: { code: 'worker_lost', message: `The worker running attempt ${state.attempt} stopped without reporting an outcome` },
        },
      };
  try {
    await session.execute(command);
  } catch (error) {
    // The job moved on since it was loaded (e.g. its retry was already scheduled): nothing to recover.
    if (!(error instanceof IllegalTransitionError)) throw error;
    message.ack();
    return { jobId: item.jobId, action: 'skipped' };
  }
  message.ack();
  return { jobId: item.jobId, action: 'recovered' };
}

function safeJson(message: JsMsg): unknown {
  try {
    return message.json();
  } catch {
    return null;
  }
}

export type { AttemptEnvironment, EventStore };
