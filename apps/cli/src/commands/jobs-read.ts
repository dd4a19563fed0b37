import { JOB_STATUSES, type JobStatus } from '@jetjobs/contracts';
import type { Job } from '@jetjobs/client';
import type { CommandIo } from '../command';
import { CLIENT_OPTIONS, clientFor } from '../client/client-settings';
import { parseCommandLine, parseOptions } from '../parse-options';
import { EXIT_OK, UsageError } from '../usage-error';

const listOptions = {
  ...CLIENT_OPTIONS,
  kind: { type: 'string' },
  status: { type: 'string' },
  limit: { type: 'string' },
  cursor: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `jobs get <id>`: the job's state as key/value lines, or with --json the gateway's JSON. */
export async function getJob(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine('jetjobs jobs get', args, { ...CLIENT_OPTIONS, json: { type: 'boolean' } }, 1);
  const id = jobIdArgument('get', positionals[0]);
  const job = await clientFor('jetjobs jobs get', values, io).jobs.get(id);
  io.stdout(values.json ? `${JSON.stringify(job)}\n` : describeJob(job));
  return EXIT_OK;
}

/** `jobs list`: newest first, one line per job; --json prints the page as the gateway sends it. */
export async function listJobs(args: string[], io: CommandIo): Promise<number> {
  const values = parseOptions('jetjobs jobs list', args, listOptions);
  const statuses = values.status?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = statuses?.filter((s) => !(JOB_STATUSES as readonly string[]).includes(s)) ?? [];
  if (unknown.length > 0) throw new UsageError(`jetjobs jobs list: --status ${unknown.join(',')}: one or more of ${JOB_STATUSES.join(', ')}`);
  if (values.limit !== undefined && !/^\d+$/.test(values.limit)) throw new UsageError('jetjobs jobs list: --limit must be a whole number');
  const page = await clientFor('jetjobs jobs list', values, io).jobs.list({
    kind: values.kind,
    status: statuses as JobStatus[] | undefined,
    limit: values.limit === undefined ? undefined : Number(values.limit),
    cursor: values.cursor,
  });
  if (values.json) {
    io.stdout(`${JSON.stringify(page)}\n`);
    return EXIT_OK;
  }
  for (const job of page.items) {
    io.stdout(`${job.id}  ${job.kind.padEnd(12)} ${job.status.padEnd(10)} ${String(Math.round(job.progress)).padStart(3)}%  ${job.created_at}\n`);
  }
  io.stdout(`${page.items.length} of ${page.total}${page.next_cursor ? `; next page: --cursor ${page.next_cursor}` : ''}\n`);
  return EXIT_OK;
}

export function describeJob(job: Job): string {
  const lines: [string, string][] = [
    ['id', job.id],
    ['kind', job.kind],
    ['status', job.status],
    ['attempt', String(job.attempt)],
    ['progress', `${Math.round(job.progress)}%${job.detail ? `  ${job.detail}` : ''}`],
    ['created', job.created_at],
    ['finished', job.finished_at ?? '-'],
    ...(job.error ? [['error', `${job.error.code}: ${job.error.message}`] as [string, string]] : []),
    ...(job.status === 'completed' ? [['result', JSON.stringify(job.result)] as [string, string]] : []),
  ];
  return lines.map(([key, value]) => `${key.padEnd(9)} ${value}\n`).join('');
}

export function jobIdArgument(sub: string, id: string | undefined): string {
  if (id === undefined) throw new UsageError(`jetjobs jobs ${sub}: missing <job-id> (see: jetjobs jobs --help)`);
  return id;
}
