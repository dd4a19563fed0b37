import { JetJobsError } from '@jetjobs/client';
import { isJobId } from '@jetjobs/contracts';
import type { Command } from '../command';
import { CLIENT_OPTIONS, CLIENT_OPTIONS_HELP, clientFor } from '../client/client-settings';
import { followAndShow } from '../client/follow-display';
import { interruption, terminal } from '../operator/terminal';
import { parseOptions } from '../parse-options';
import { EXIT_OK, UsageError } from '../usage-error';

const NAME = 'jetjobs watch';

const options = {
  ...CLIENT_OPTIONS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const watchCommand: Command = {
  name: 'watch',
  summary: "follow a running job live: progress bar, stage detail, log lines",
  help: `Usage: ${NAME} <job-id> [--json] [--gateway <url>] [--token <jwt> | --api-key <key>] [--context <name>]

Follows the job's event stream (GET /v1/jobs/<id>/events) until it ends: a progress bar with
the stage detail, and every log line and milestone. If the connection drops (a gateway restart)
it reconnects with Last-Event-ID and carries on with no gap and no repeat, for up to 2 minutes.
Exits 0 when the job completes, 1 when it fails or is cancelled.

Options:
  --json             print each event as the gateway sends it, one JSON object per line
${CLIENT_OPTIONS_HELP}
  -h, --help         show this help`,

  async run(args, io) {
    const [jobId, rest] = args[0] !== undefined && !args[0].startsWith('-') ? [args[0], args.slice(1)] : [undefined, args];
    const values = parseOptions(NAME, rest, options);
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    if (jobId === undefined) throw new UsageError(`${NAME}: missing <job-id> (see: ${NAME} --help)`);
    if (!isJobId(jobId)) throw new UsageError(`${NAME}: "${jobId}" is not a job id (a UUID)`);
    const jj = clientFor(NAME, values, io);
    const stop = interruption();
    try {
      return await followAndShow(jj, jobId.toLowerCase(), { term: terminal(io), json: values.json === true, signal: stop.signal });
    } catch (error) {
      if (error instanceof JetJobsError && error.status === 0) throw new Error(`Gave up: ${error.message}`);
      if (error instanceof JetJobsError) throw new Error(`The gateway refused (${error.status} ${error.code}): ${error.message}`);
      throw error;
    } finally {
      stop.dispose();
    }
  },
};
