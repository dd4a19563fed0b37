import { createHash } from 'node:crypto';
import type { JobView, StoredEvent } from '@jetjobs/contracts';
import type { DataSource } from 'typeorm';
import { projectJobRows, type JobRowValues } from '../projection/job-rows.projection';
import { eventRowText, expectedEventText, jobRowText, type EventRow, type JobRow } from './canonical-row';

/** One table as verified: how many rows, and a digest of their canonical text in key order. */
export interface VerifiedTable {
  readonly rows: number;
  readonly checksum: string;
}

/** The tables disagree with the fold of the stream; nothing may be switched over. */
export class ProjectionMismatchError extends Error {
  constructor(message: string) {
    super(`Verification failed: ${message}`);
    this.name = 'ProjectionMismatchError';
  }
}

const EVENT_COLUMNS = 'stream_seq, job_id, version, type, data, metadata, occurred_at';
const JOB_COLUMNS = 'id, project_id, kind, status, version, attempt, progress, created_at, updated_at, finished_at, last_seq, state';
const PAGE = 1_000;

/**
 * Checks rebuilt tables against the stream itself: it folds the stream's events in memory, with
 * the domain's `evolve`, into the rows the projection must hold, and compares them with what the
 * tables hold, row by row. Events are compared range by range as the stream is read; jobs once
 * the fold is complete. Memory grows with the number of jobs (their folded state), not events.
 */
export class ProjectionVerifier {
  private readonly jobs = new Map<string, JobRowValues>();
  private readonly eventsDigest = createHash('sha256');
  private events = 0;

  /** Folds a run of stream events and compares them with the table's rows for `[fromSeq, toSeq]`. */
  async checkEvents(ds: DataSource, fromSeq: number, toSeq: number, events: readonly StoredEvent[]): Promise<void> {
    this.fold(events);
    const rows = (await ds.query(`SELECT ${EVENT_COLUMNS} FROM job_events WHERE stream_seq BETWEEN $1 AND $2 ORDER BY stream_seq`, [
      fromSeq,
      toSeq,
    ])) as EventRow[];
    for (let i = 0; i < Math.max(rows.length, events.length); i++) {
      const event = events[i];
      const row = rows[i];
      const expected = event ? expectedEventText(event) : null;
      const actual = row ? eventRowText(row) : null;
      if (expected !== actual) {
        throw new ProjectionMismatchError(`job_events differs at stream sequence ${event?.seq ?? row?.stream_seq}`);
      }
      this.eventsDigest.update(`${expected}\n`);
    }
    this.events += events.length;
  }

  /** Compares every `jobs` row (or only those of `ids`) with the fold, and both tables' row counts. */
  async checkJobs(ds: DataSource, ids?: readonly string[]): Promise<void> {
    // A job whose submission aged out of the stream folds to nothing and must have no row.
    const wanted = [...new Set([...(ids ?? this.jobs.keys())].map((id) => id.toLowerCase()))].sort();
    if (ids === undefined) await this.compareAllJobs(ds, wanted);
    else this.compareJobs(wanted.filter((id) => this.jobs.has(id)), await this.readJobs(ds, 'WHERE id = ANY($1::uuid[])', [wanted]));
    const [{ jobs, events }] = (await ds.query(
      'SELECT (SELECT count(*) FROM jobs)::int AS jobs, (SELECT count(*) FROM job_events)::int AS events',
    )) as { jobs: number; events: number }[];
    if (jobs !== this.jobs.size) throw new ProjectionMismatchError(`jobs has ${jobs} rows, the stream folds into ${this.jobs.size} jobs`);
    if (events !== this.events) throw new ProjectionMismatchError(`job_events has ${events} rows, the stream holds ${this.events} events`);
  }

  /** Row counts and digests of what the fold says the tables hold (equal to the tables once checked). */
  report(): { jobs: VerifiedTable; events: VerifiedTable } {
    const jobsDigest = createHash('sha256');
    for (const [, row] of [...this.jobs].sort(([a], [b]) => (a < b ? -1 : 1))) jobsDigest.update(`${jobRowText(row)}\n`);
    return {
      jobs: { rows: this.jobs.size, checksum: jobsDigest.digest('hex').slice(0, 16) },
      events: { rows: this.events, checksum: this.eventsDigest.copy().digest('hex').slice(0, 16) },
    };
  }

  /** The jobs touched by these events: what a catch-up must re-check. */
  static jobIds(events: readonly StoredEvent[]): string[] {
    return [...new Set(events.map(({ event }) => event.metadata.jobId.toLowerCase()))];
  }

  private fold(events: readonly StoredEvent[]): void {
    const previous = new Map<string, JobView>();
    for (const id of ProjectionVerifier.jobIds(events)) {
      const row = this.jobs.get(id);
      if (row) previous.set(id, row.state);
    }
    for (const row of projectJobRows(previous, events)) this.jobs.set(row.id.toLowerCase(), row);
  }

  private async compareAllJobs(ds: DataSource, wanted: readonly string[]): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    let offset = 0;
    for (;;) {
      const rows = await this.readJobs(ds, `WHERE id > $1::uuid ORDER BY id LIMIT ${PAGE}`, [after]);
      const last = rows.at(-1);
      if (last === undefined) break;
      this.compareJobs(wanted.slice(offset, offset + rows.length), rows);
      offset += rows.length;
      after = last.id;
    }
    if (offset < wanted.length) throw new ProjectionMismatchError(`jobs lacks the row of job ${wanted[offset]}`);
  }

  private compareJobs(wanted: readonly string[], rows: readonly JobRow[]): void {
    for (let i = 0; i < Math.max(rows.length, wanted.length); i++) {
      const id = wanted[i];
      const expected = id === undefined ? undefined : this.jobs.get(id);
      const actual = rows[i];
      if (expected === undefined || actual === undefined || jobRowText(expected) !== jobRowText(actual)) {
        throw new ProjectionMismatchError(`jobs differs at job ${id ?? actual?.id}: ${describeDifference(expected, actual)}`);
      }
    }
  }

  private async readJobs(ds: DataSource, where: string, parameters: unknown[]): Promise<JobRow[]> {
    const order = where.includes('ORDER BY') ? '' : ' ORDER BY id';
    return (await ds.query(`SELECT ${JOB_COLUMNS} FROM jobs ${where}${order}`, parameters)) as JobRow[];
  }
}

/** Which columns disagree, and the versions on both sides: where an operator starts looking. */
function describeDifference(expected: JobRowValues | undefined, actual: JobRow | undefined): string {
  if (actual === undefined) return 'the table has no row for it';
  if (expected === undefined) return 'the table has a row the stream does not explain';
  const text = jobRowText(expected);
  const columns = Object.keys(expected).filter(
    (column) => jobRowText({ ...expected, [column]: (actual as Record<string, unknown>)[column] } as JobRowValues) !== text,
  );
  return `columns ${columns.join(', ')} differ (version ${actual.version} in the table, ${expected.version} from the stream)`;
}
