import type { DataSource } from 'typeorm';
import { connectDatabase } from '@jetjobs/persistence';
import type { Command, CommandIo } from '../command';
import { withEventStore } from '../operator/event-store-session';
import { Progress } from '../operator/progress';
import { operatorSettings, type OperatorSettings } from '../operator/settings';
import { count, formatTable } from '../operator/table';
import { EXIT_INTERRUPTED, interruption, terminal } from '../operator/terminal';
import { parseCountOption } from '../operator/time-option';
import { parseOptions } from '../parse-options';
import { InterruptedError } from '../projections/event-chunks';
import { projectionStatus, type ProjectionStatus } from '../projections/projection-status';
import { rebuildProjection, type RebuildResult } from '../projections/rebuild-projection';
import { requireRegistrySchema } from '../projections/schema-parity';
import { EXIT_OK, UsageError } from '../usage-error';

const NAME = 'jetjobs projections';

const rebuildOptions = {
  'batch-size': { type: 'string' },
  'max-rate': { type: 'string' },
  restart: { type: 'boolean' },
  'allow-trimmed': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const statusOptions = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export const projectionsCommand: Command = {
  name: 'projections',
  summary: 'rebuild the PostgreSQL read model from the stream; show checkpoints and lag',
  help: `Usage: ${NAME} rebuild [--batch-size <n>] [--max-rate <events/s>] [--restart] [--allow-trimmed]
       ${NAME} status [--json]

rebuild  Replays the JOBS stream from sequence 1 into fresh tables (schema jetjobs_rebuild)
         while the live ones keep serving, verifies them row by row against a fold of the
         stream (row counts and checksums), then swaps them in, in one transaction, under the
         projector's checkpoint lock: the live projector carries on from the right place.
         Progress and ETA on stderr. Ctrl-C (or a kill) keeps what was built; run it again to
         resume. Only one rebuild runs at a time.
  --batch-size <n>       events per transaction (default 2000)
  --max-rate <n>         at most n events per second, to spare a busy database
  --restart              discard an unfinished rebuild and start from sequence 1 again
  --allow-trimmed        rebuild although the stream lost its oldest events to max age
status   Each projection's checkpoint and lag behind the stream, and any unfinished rebuild.
  --json                 the same as JSON

Reads and writes job-registry's PostgreSQL directly (an operator tool; nothing else in the CLI
does): DATABASE_URL (default postgres://postgres@127.0.0.1:5432/<namespace>), with NATS_URL
and JETJOBS_NAMESPACE as for the services.`,

  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === undefined) throw new UsageError(`${NAME}: missing subcommand: rebuild or status (see: ${NAME} --help)`);
    if (sub === '--help' || sub === '-h' || sub === 'help') {
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    if (sub === 'rebuild') return rebuild(rest, io, this.help);
    if (sub === 'status') return status(rest, io, this.help);
    throw new UsageError(`${NAME}: unknown subcommand "${sub}" (see: ${NAME} --help)`);
  },
};

async function rebuild(args: string[], io: CommandIo, help: string): Promise<number> {
  const values = parseOptions(`${NAME} rebuild`, args, rebuildOptions);
  if (values.help) {
    io.stdout(`${help}\n`);
    return EXIT_OK;
  }
  const batchSize = values['batch-size'] === undefined ? 2_000 : parseCountOption(NAME, '--batch-size', values['batch-size']);
  const maxRate = values['max-rate'] === undefined ? null : parseCountOption(NAME, '--max-rate', values['max-rate']);
  const settings = operatorSettings(io.env);
  const term = terminal(io);
  const stop = interruption();
  try {
    const result = await withLive(settings, (live) =>
      withEventStore(settings, (store) =>
        rebuildProjection(store, live, {
          databaseUrl: settings.databaseUrl,
          batchSize,
          maxRate,
          restart: values.restart ?? false,
          allowTrimmed: values['allow-trimmed'] ?? false,
          signal: stop.signal,
          progress: new Progress(term.err, term.errIsTTY),
          note: (line) => term.err(`${line}\n`),
        }),
      ),
    );
    term.out(summary(result));
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof InterruptedError)) throw error;
    term.err('interrupted: what was rebuilt is kept; run "projections rebuild" again to resume\n');
    return EXIT_INTERRUPTED;
  } finally {
    stop.dispose();
  }
}

async function status(args: string[], io: CommandIo, help: string): Promise<number> {
  const values = parseOptions(`${NAME} status`, args, statusOptions);
  if (values.help) {
    io.stdout(`${help}\n`);
    return EXIT_OK;
  }
  const settings = operatorSettings(io.env);
  const report = await withLive(settings, (live) => withEventStore(settings, (store) => projectionStatus(store, live)));
  io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderStatus(report));
  return EXIT_OK;
}

/** The live database, connected without migrating anything, and closed afterwards. */
async function withLive<T>(settings: OperatorSettings, work: (live: DataSource) => Promise<T>): Promise<T> {
  const live = await connectDatabase(settings.databaseUrl);
  try {
    await requireRegistrySchema(live, settings.databaseUrl);
    return await work(live);
  } finally {
    await live.destroy();
  }
}

function summary(result: RebuildResult): string {
  const { jobs, events } = result.tables;
  return [
    `Rebuilt projection "jobs" up to stream sequence ${result.checkpoint}${result.resumedAt > 0 ? ` (resumed after ${result.resumedAt})` : ''}`,
    `  built:    ${count(result.built)} events at ${count(Math.round(result.buildRate))} events/s; verified at ${count(Math.round(result.verifyRate))} events/s`,
    `  verified: jobs ${count(jobs.rows)} rows (checksum ${jobs.checksum}), job_events ${count(events.rows)} rows (checksum ${events.checksum}), equal to the fold of the stream`,
    `  switched: checkpoint ${result.checkpoint} (the live projector was at ${result.liveCheckpoint}; ${count(result.underLock)} events applied under its lock)`,
    '',
  ].join('\n');
}

function renderStatus(report: ProjectionStatus): string {
  const table = formatTable(
    [
      ['PROJECTION', (p) => p.name],
      ['CHECKPOINT', (p) => String(p.checkpoint)],
      ['STREAM LAST', () => String(report.streamLastSeq)],
      ['LAG', (p) => count(p.lag)],
      ['UPDATED', (p) => p.updatedAt],
    ],
    report.projections,
  );
  const projector = report.projector
    ? `projector consumer: ${count(report.projector.pending)} pending, ${count(report.projector.ackPending)} awaiting ack, ${count(report.projector.redelivered)} redelivered`
    : 'projector consumer: none (job-registry has not started in this namespace)';
  const rebuild = report.rebuild ? `rebuild: unfinished at sequence ${report.rebuild.checkpoint} (rerun "projections rebuild" to resume, or add --restart)` : 'rebuild: none under way';
  return `${report.projections.length === 0 ? 'No projection checkpoints yet.\n' : table}${projector}\n${rows(report)}\n${rebuild}\n`;
}

function rows({ rows: counted }: ProjectionStatus): string {
  return counted === null ? 'rows: cannot be counted (a live table is missing)' : `rows: jobs ${count(counted.jobs)}, job_events ${count(counted.jobEvents)}`;
}
