import { isJobId, type JobEvent } from '@jetjobs/contracts';
import { evolve, initialJobState, isAbsent, type JobState } from '@jetjobs/job-domain';
import type { Command } from '../command';
import { attemptOf, summarizeEvent } from '../operator/event-summary';
import { withEventStore } from '../operator/event-store-session';
import { operatorSettings } from '../operator/settings';
import { clip, formatTable, type Column } from '../operator/table';
import { CLIENT_OPTIONS } from '../client/client-settings';
import { adminClient, gatewayFailure, jobEventsOverGateway, overGateway, OVER_GATEWAY_HELP } from '../operator/admin-gateway';
import { parseOptions } from '../parse-options';
import { EXIT_OK, UsageError } from '../usage-error';

const NAME = 'jetjobs history';

const options = {
  ...CLIENT_OPTIONS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** One event of the timeline, with the job as it stood right after it. */
interface Step {
  readonly seq: number;
  readonly event: JobEvent;
  readonly attempt: number | null;
  readonly worker: string | null;
  readonly state: JobState;
}

export const historyCommand: Command = {
  name: 'history',
  summary: "a job's full timeline: every event with the folded state after it",
  help: `Usage: ${NAME} <job-id> [--json]

Prints every event of one job, oldest first, read from the stream: time, version, stream
sequence, attempt, worker, what happened, and the job's state folded up to that event. The job's
trace id (the trace to look up in the trace backend and the services' logs) comes first.

Options:
  --json       one JSON object per line: {seq, version, occurredAt, type, attempt, worker,
               traceId, data, metadata, state}
  -h, --help   show this help

Environment: NATS_URL (nats://127.0.0.1:4222), JETJOBS_NAMESPACE (jetjobs).
${OVER_GATEWAY_HELP}`,

  async run(args, io) {
    const [jobId, rest] = args[0] !== undefined && !args[0].startsWith('-') ? [args[0], args.slice(1)] : [undefined, args];
    const values = parseOptions(NAME, rest, options);
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    if (jobId === undefined) throw new UsageError(`${NAME}: missing <job-id> (see: ${NAME} --help)`);
    if (!isJobId(jobId)) throw new UsageError(`${NAME}: "${jobId}" is not a job id (a UUID)`);
    const events = overGateway(values, io.env)
      ? await jobEventsOverGateway(adminClient(NAME, values, io), jobId.toLowerCase()).catch((error: unknown) => {
          throw gatewayFailure(error);
        })
      : await eventsFromStream(io.env, jobId.toLowerCase());
    if (events.length === 0) throw new Error(`No job ${jobId}${overGateway(values, io.env) ? ' behind the gateway' : ` in namespace ${operatorSettings(io.env).namespace}`}`);
    const steps = timeline(events);
    io.stdout(values.json ? steps.map((step) => `${jsonLine(step)}\n`).join('') : `${traceLines(steps)}${formatTable(COLUMNS, steps)}`);
    return EXIT_OK;
  },
};

async function eventsFromStream(env: NodeJS.ProcessEnv, jobId: string): Promise<{ seq: number; event: JobEvent }[]> {
  const loaded = await withEventStore(operatorSettings(env), (store) => store.load(jobId));
  return loaded.events.map(({ seq, event }) => ({ seq, event }));
}

/** Folds the events one at a time, remembering which worker ran each attempt. */
export function timeline(events: readonly { seq: number; event: JobEvent }[]): Step[] {
  const workers = new Map<number, string>();
  let state: JobState = initialJobState();
  return events.map(({ seq, event }) => {
    state = evolve(state, event);
    if (event.type === 'JobStarted') workers.set(event.data.attempt, event.data.workerId);
    const attempt = attemptOf(event) ?? (isAbsent(state) ? null : state.attempt);
    return { seq, event, attempt, worker: attempt === null ? null : (workers.get(attempt) ?? null), state };
  });
}

function stateText(state: JobState): string {
  if (isAbsent(state)) return 'absent';
  const parts = [state.status, `attempt ${state.attempt}`, `${state.progress}%`];
  if (state.attemptFailed) parts.push('attempt failed');
  if (state.cancelRequested) parts.push('cancel requested');
  if (state.error) parts.push(`error ${state.error.code}`);
  return parts.join(', ');
}

const COLUMNS: readonly Column<Step>[] = [
  ['TIME', (s) => s.event.metadata.occurredAt],
  ['VER', (s) => String(s.event.metadata.version)],
  ['SEQ', (s) => String(s.seq)],
  ['ATTEMPT', (s) => (s.attempt === null ? '-' : String(s.attempt))],
  ['WORKER', (s) => s.worker ?? '-'],
  ['EVENT', (s) => s.event.type],
  ['DETAIL', (s) => clip(summarizeEvent(s.event), 80)],
  ['STATE AFTER', (s) => stateText(s.state)],
];

function jsonLine({ seq, event, attempt, worker, state }: Step): string {
  const { version, occurredAt } = event.metadata;
  return JSON.stringify({ seq, version, occurredAt, type: event.type, attempt, worker, traceId: traceIdOf(event), data: event.data, metadata: event.metadata, state });
}

/** The trace id recorded with the event (the second field of its `traceparent`), null before traces. */
function traceIdOf(event: JobEvent): string | null {
  return event.metadata.traceparent?.split('-')[1] ?? null;
}

/** One line per trace the job's events joined: one, unless an operator's command started another. */
function traceLines(steps: readonly Step[]): string {
  const traces = [...new Set(steps.map((step) => traceIdOf(step.event)).filter((id) => id !== null))];
  return traces.map((id) => `Trace: ${id}\n`).join('') + (traces.length > 0 ? '\n' : '');
}
