import { FAILURES_LIMIT_MAX, type FailurePage, type FailuresPayload, type JobView } from '@jetjobs/contracts';
import type { JetJobs } from '@jetjobs/client';
import type { Command, CommandIo } from '../command';
import { CLIENT_OPTIONS } from '../client/client-settings';
import { adminClient, gatewayFailure, overGateway, OVER_GATEWAY_HELP } from '../operator/admin-gateway';
import { failuresOverGateway } from '../operator/failures-gateway';
import { clip, formatTable, type Column } from '../operator/table';
import { parseCountOption, parseTimeOption } from '../operator/time-option';
import { parseOptions } from '../parse-options';
import { queryRegistry, registryTarget } from '../registry-request';
import { EXIT_OK, UsageError } from '../usage-error';

const NAME = 'jetjobs failures';
const DEFAULT_LIMIT = 50;

const options = {
  ...CLIENT_OPTIONS,
  kind: { type: 'string' },
  project: { type: 'string' },
  reason: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const failuresCommand: Command = {
  name: 'failures',
  summary: 'jobs that ended failed, newest first (filter by kind, reason, time)',
  help: `Usage: ${NAME} [--kind <kind>] [--project <id>] [--reason <code>] [--since <time>] [--until <time>]
                        [--limit <n>] [--json]

Lists jobs whose final state is failed, across every project, most recent failure first.
Asks job-registry over NATS (it reads its PostgreSQL projection).

Options:
  --kind <kind>      only this kind
  --project <id>     only this project
  --reason <code>    only this error code (e.g. worker_lost, transient, bad_input)
  --since <time>     failed at or after: ISO (2026-11-25T10:00Z) or a time ago (15m, 2h, 7d)
  --until <time>     failed before, same forms
  --limit <n>        at most n jobs (default ${DEFAULT_LIMIT})
  --json             one job per line (its full state), for jq
  -h, --help         show this help

Environment: NATS_URL (nats://127.0.0.1:4222), JETJOBS_NAMESPACE (jetjobs).
${OVER_GATEWAY_HELP}
Over the gateway the same rows come from GET /v1/admin/failures (scope admin:read is enough).`,

  async run(args, io) {
    const values = parseOptions(NAME, args, options);
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    const limit = values.limit === undefined ? DEFAULT_LIMIT : parseCountOption(NAME, '--limit', values.limit);
    const filter = failuresFilter(NAME, { ...values, code: values.reason });
    const jobs = await listFailures(io, filter, limit, overGateway(values, io.env) ? adminClient(NAME, values, io) : undefined);
    if (values.json) io.stdout(jobs.map((job) => `${JSON.stringify(job)}\n`).join(''));
    else io.stdout(jobs.length === 0 ? 'No failed jobs match.\n' : formatTable(COLUMNS, jobs));
    return EXIT_OK;
  },
};

export type FailuresFilter = Omit<FailuresPayload, 'limit' | 'cursor'>;

/** The filter options shared with `redrive --all`; `code` is the error code to match. */
export function failuresFilter(
  command: string,
  values: { kind?: string; project?: string; since?: string; until?: string; code?: string },
): FailuresFilter {
  if (values.kind !== undefined && !/^[a-z][a-z0-9-]{0,62}$/.test(values.kind)) {
    throw new UsageError(`${command}: --kind: "${values.kind}" is not a kind (lowercase letters, digits, "-")`);
  }
  return {
    kind: values.kind ?? null,
    projectId: values.project ?? null,
    reason: values.code ?? null,
    since: values.since === undefined ? null : parseTimeOption(command, '--since', values.since).toISOString(),
    until: values.until === undefined ? null : parseTimeOption(command, '--until', values.until).toISOString(),
  };
}

/** Every failed job matching the filter, up to `limit`, page by page; from the gateway when given one. */
export async function listFailures(io: CommandIo, filter: FailuresFilter, limit: number, gateway?: JetJobs): Promise<JobView[]> {
  if (gateway !== undefined) {
    return failuresOverGateway(gateway, filter, limit).catch((error: unknown) => {
      throw gatewayFailure(error);
    });
  }
  const jobs: JobView[] = [];
  let cursor: string | null = null;
  do {
    const pageSize = Math.min(FAILURES_LIMIT_MAX, limit - jobs.length);
    const page: FailurePage = await queryRegistry(registryTarget(io.env), 'failures', { ...filter, limit: pageSize, cursor });
    jobs.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && jobs.length < limit);
  return jobs;
}

const COLUMNS: readonly Column<JobView>[] = [
  ['FAILED AT', (job) => job.finishedAt ?? '-'],
  ['JOB', (job) => job.id],
  ['KIND', (job) => job.kind],
  ['PROJECT', (job) => job.projectId],
  ['ATTEMPT', (job) => String(job.attempt)],
  ['REASON', (job) => job.error?.code ?? '-'],
  ['MESSAGE', (job) => clip(job.error?.message ?? '', 70)],
];
