import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { JetJobs } from '@jetjobs/client';
import { isJobId, type JobView } from '@jetjobs/contracts';
import type { Command, CommandIo } from '../command';
import { CLIENT_OPTIONS } from '../client/client-settings';
import { adminClient, gatewayFailure, overGateway, OVER_GATEWAY_HELP } from '../operator/admin-gateway';
import { parseOptions } from '../parse-options';
import { queryRegistry, registryTarget } from '../registry-request';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../usage-error';
import { failuresFilter, listFailures } from './failures.command';

const NAME = 'jetjobs redrive';

const options = {
  ...CLIENT_OPTIONS,
  all: { type: 'boolean' },
  kind: { type: 'string' },
  project: { type: 'string' },
  code: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  reason: { type: 'string' },
  as: { type: 'string' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const redriveCommand: Command = {
  name: 'redrive',
  summary: 'run failed jobs again as new attempts, recording who and why',
  help: `Usage: ${NAME} <job-id> --reason "<why>" [--as <who>]
       ${NAME} --all [--kind <kind>] [--project <id>] [--code <error code>] [--since <time>]
                      [--until <time>] --reason "<why>" [--as <who>] [--dry-run]

Runs a failed (or cancelled) job again as its next attempt. The job's stream records it as
JobRetryScheduled {reason: "manual", requestedBy: <who>, comment: <why>}; job-registry's
dispatcher queues the attempt at once. With --all, every failed job matching the filters
(the same as "jetjobs failures") is redriven.

Options:
  --reason "<why>"   why the job is run again (required; recorded on the event)
  --as <who>         who asks (default: cli:<user>@<host>)
  --all              every failed job matching the filters below
  --kind, --project, --code <error code>, --since <time>, --until <time>
                     filters for --all (time: ISO or a time ago such as 2h)
  --dry-run          with --all: list the jobs, change nothing
  -h, --help         show this help

Asks job-registry over NATS: NATS_URL (nats://127.0.0.1:4222), JETJOBS_NAMESPACE (jetjobs).
${OVER_GATEWAY_HELP}
Over the gateway each job is redriven through POST /v1/admin/jobs/<id>/redrive (--all lists
them from GET /v1/admin/failures), recorded as requested by the credential's subject; --as
needs the direct mode.`,

  async run(args, io) {
    const [jobId, rest] = args[0] !== undefined && !args[0].startsWith('-') ? [args[0], args.slice(1)] : [undefined, args];
    const values = parseOptions(NAME, rest, options);
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    if ((jobId === undefined) === (values.all !== true)) {
      throw new UsageError(`${NAME}: give either one <job-id> or --all (see: ${NAME} --help)`);
    }
    if (jobId !== undefined && !isJobId(jobId)) throw new UsageError(`${NAME}: "${jobId}" is not a job id (a UUID)`);
    const reason = values.reason?.trim() ?? '';
    if (reason === '' && !values['dry-run']) throw new UsageError(`${NAME}: --reason "<why>" is required: it is recorded with the redrive`);
    const gateway = overGateway(values, io.env) ? adminClient(NAME, values, io) : undefined;
    // Over the gateway the credential's subject is recorded as who asked: there is no --as.
    if (gateway !== undefined && values.as !== undefined) throw new UsageError(`${NAME}: over the gateway, --as cannot be given (see: ${NAME} --help)`);
    const requestedBy = values.as ?? `cli:${userInfo().username}@${hostname()}`;
    const redriveOne = (id: string) => (gateway === undefined ? redrive(io, id, requestedBy, reason) : redriveOverGateway(gateway, id, reason));
    if (jobId !== undefined) {
      io.stdout(describe(await redriveOne(jobId.toLowerCase())));
      return EXIT_OK;
    }
    const jobs = await listFailures(io, failuresFilter(NAME, values), Number.MAX_SAFE_INTEGER, gateway);
    if (values['dry-run']) {
      io.stdout(jobs.map((job) => `would redrive ${job.id} (${job.kind}, ${job.error?.code ?? 'failed'})\n`).join('') + `${jobs.length} job(s) match\n`);
      return EXIT_OK;
    }
    let refused = 0;
    for (const job of jobs) {
      try {
        io.stdout(describe(await redriveOne(job.id)));
      } catch (error) {
        // Another operator may have redriven it meanwhile: report it and carry on with the rest.
        refused += 1;
        process.stderr.write(`${job.id}: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    io.stdout(`redrove ${jobs.length - refused} of ${jobs.length} failed job(s)\n`);
    return refused === 0 ? EXIT_OK : EXIT_FAILURE;
  },
};

function redrive(io: CommandIo, jobId: string, requestedBy: string, reason: string): Promise<JobView> {
  return queryRegistry(registryTarget(io.env), 'redrive', { jobId, requestedBy, reason, correlationId: randomUUID() });
}

/**
 * One job through POST /v1/admin/jobs/<id>/redrive. `--all` takes this route job by job rather
 * than the bulk one, as the direct mode does: each job's new attempt is reported, and one
 * another operator redrove meanwhile is skipped instead of refusing the whole run.
 */
async function redriveOverGateway(jj: JetJobs, jobId: string, reason: string): Promise<Pick<JobView, 'id' | 'attempt' | 'status'>> {
  return jj.admin.redrive(jobId, { reason }).catch((error: unknown) => {
    throw gatewayFailure(error);
  });
}

function describe(job: Pick<JobView, 'id' | 'attempt' | 'status'>): string {
  return `redriven ${job.id}: attempt ${job.attempt} ${job.status}\n`;
}
