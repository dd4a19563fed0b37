import type { DataSource } from 'typeorm';
import type { StoredEvent } from '@jetjobs/contracts';
import { ProjectionVerifier, readCheckpoint } from '@jetjobs/persistence';
import type { AcceptedJob } from './job-load';
import type { StreamSnapshot } from './stream-snapshot';
import type { WebhookSink } from './webhook-sink';

/** The projection the registry's projector writes. */
export const JOBS_PROJECTION = 'jobs';
const TERMINAL = new Set(['JobCompleted', 'JobFailed', 'JobCancelled']);

/** What the checks found: counts for the report, and every broken promise in words. */
export interface InvariantReport {
  readonly duplicates: number;
  readonly violations: string[];
}

export interface InvariantInput {
  readonly accepted: readonly AcceptedJob[];
  readonly keyConflicts: readonly string[];
  readonly stream: StreamSnapshot;
  readonly database: DataSource;
  readonly webhooks: WebhookSink;
  /** Partial results each attempt adds before it completes (the clips of a clipper job). */
  readonly outputsPerAttempt: number;
}

/** Checks every promise of the platform against the stream, the read model, SSE and webhooks. */
export async function checkInvariants(input: InvariantInput): Promise<InvariantReport> {
  const violations: string[] = [];
  const duplicates = [
    ...extraJobs(input),
    ...input.keyConflicts.map((key) => `key ${key} answered with two different jobs`),
    ...[...input.stream.byJob].flatMap(([id, events]) => duplicateEvents(id, events)),
    ...input.accepted.flatMap((job) => sseDuplicates(job)),
    ...webhookDuplicates(input),
  ];
  violations.push(...duplicates);
  violations.push(...(await projectionDifferences(input.database, input.stream)));
  for (const job of input.accepted) violations.push(...sseGaps(job, input.stream.byJob.get(job.id) ?? []));
  for (const [id, events] of input.stream.byJob) violations.push(...outputsOfCompletion(id, events, input.outputsPerAttempt));
  violations.push(...missingWebhooks(input));
  return { duplicates: duplicates.length, violations };
}

/** The read model equals a fold of the stream, row for row, and has applied all of it. */
async function projectionDifferences(database: DataSource, stream: StreamSnapshot): Promise<string[]> {
  const checkpoint = await readCheckpoint(database, JOBS_PROJECTION);
  if (checkpoint !== stream.lastSeq) return [`projection checkpoint ${checkpoint}, stream ends at ${stream.lastSeq}`];
  const verifier = new ProjectionVerifier();
  try {
    await verifier.checkEvents(database, 1, stream.lastSeq, stream.events);
    await verifier.checkJobs(database);
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [`${message}${await eventRowEvidence(database, stream, message)}`];
  }
}

/** For a `job_events` difference: the row and the stream's event side by side, to see which part differs. */
async function eventRowEvidence(database: DataSource, stream: StreamSnapshot, message: string): Promise<string> {
  const seq = Number(/stream sequence (\d+)/.exec(message)?.[1] ?? NaN);
  if (Number.isNaN(seq)) return '';
  const rows: unknown[] = await database.query('SELECT * FROM job_events WHERE stream_seq = $1', [seq]);
  const stored = stream.events.find((event) => event.seq === seq);
  return `\n  row:   ${JSON.stringify(rows[0] ?? null)}\n  event: ${JSON.stringify(stored ?? null)}`;
}

/** A job in the stream that no accepted submission explains was created twice. */
function extraJobs({ accepted, stream }: InvariantInput): string[] {
  const ids = new Set(accepted.map((job) => job.id));
  return [...stream.byJob.keys()].filter((id) => !ids.has(id)).map((id) => `job ${id} in the stream was never accepted`);
}

/** Every event of an attempt happens once: the same type with the same data twice is a duplicate. */
function duplicateEvents(jobId: string, events: readonly StoredEvent[]): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  for (const { event } of events) {
    const key = `${event.type} ${JSON.stringify(event.data)}`;
    if (seen.has(key)) found.push(`job ${jobId}: ${event.type} written twice (version ${event.metadata.version})`);
    seen.add(key);
  }
  const terminal = events.filter(({ event }) => TERMINAL.has(event.type)).length;
  if (terminal > 1) found.push(`job ${jobId}: ${terminal} terminal events`);
  return found;
}

/** The attempt that completed a job added each of its partial results once: none missing, none twice. */
function outputsOfCompletion(jobId: string, events: readonly StoredEvent[], expected: number): string[] {
  let attempt: number | null = null;
  for (const { event } of events) if (event.type === 'JobCompleted') attempt = event.data.attempt;
  if (attempt === null) return [];
  const outputs = events.filter(({ event }) => event.type === 'JobOutputAdded' && event.data.attempt === attempt).length;
  return outputs === expected ? [] : [`job ${jobId}: attempt ${attempt} completed with ${outputs} outputs, not ${expected}`];
}

function sseDuplicates({ id, follower }: AcceptedJob): string[] {
  const repeated = follower.versions.filter((version, i) => follower.versions.indexOf(version) !== i);
  return repeated.map((version) => `job ${id}: SSE client received version ${version} twice`);
}

/** The SSE client saw versions 1..n of its job, in order, ending with the terminal event. */
function sseGaps({ id, follower }: AcceptedJob, events: readonly StoredEvent[]): string[] {
  const expected = events.map(({ event }) => event.metadata.version);
  const unique = follower.versions.filter((version, i) => follower.versions.indexOf(version) === i);
  if (!follower.finished) return [`job ${id}: SSE client never received the terminal event (saw ${unique.length} of ${expected.length})`];
  return unique.join(',') === expected.join(',') ? [] : [`job ${id}: SSE client saw versions ${unique.join(',')}, the stream holds ${expected.join(',')}`];
}

/** Retries of one delivery carry the same `webhook-id`: the terminal event's id. */
function webhookDuplicates({ stream, webhooks }: InvariantInput): string[] {
  const found: string[] = [];
  for (const [jobId, ids] of webhooks.idsByJob()) {
    const terminal = stream.byJob.get(jobId)?.find(({ event }) => TERMINAL.has(event.type))?.event.metadata.eventId;
    if (ids.size > 1) found.push(`job ${jobId}: webhooks carried ${ids.size} different webhook-ids`);
    else if (terminal === undefined || !ids.has(terminal)) found.push(`job ${jobId}: webhook-id is not its terminal event's id`);
  }
  return found;
}

function missingWebhooks({ accepted, webhooks }: InvariantInput): string[] {
  const delivered = webhooks.delivered();
  return accepted.filter((job) => !delivered.has(job.id)).map((job) => `job ${job.id}: no webhook was accepted by the endpoint`);
}
