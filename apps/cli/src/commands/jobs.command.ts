import { JetJobsError } from '@jetjobs/client';
import type { Command, CommandIo } from '../command';
import { CLIENT_OPTIONS_HELP } from '../client/client-settings';
import { EXIT_OK, UsageError } from '../usage-error';
import { controlJob } from './jobs-control';
import { getJob, listJobs } from './jobs-read';
import { submitJob } from './jobs-submit';

const NAME = 'jetjobs jobs';

const SUBCOMMANDS: Record<string, (args: string[], io: CommandIo) => Promise<number>> = {
  submit: submitJob,
  get: getJob,
  list: listJobs,
  cancel: (args, io) => controlJob('cancel', args, io),
  retry: (args, io) => controlJob('retry', args, io),
};

export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'submit, read, list, cancel and retry jobs through the gateway',
  help: `Usage: ${NAME} <subcommand> [options]

Subcommands:
  submit --kind <kind> (--input <json> | --input @file.json | --file <video>) [--follow]
         [--idempotency-key <key>] [--webhook-url <url>]
                       prints the new job's id; --file uploads a video (avf, moderation,
                       clipper) with a progress bar; --follow then shows live progress and
                       exits 0 when the job completes, 1 when it fails or is cancelled
  get <job-id>         the job's state
  list [--kind <kind>] [--status queued,processing,…] [--limit <n>] [--cursor <c>]
  cancel <job-id> [--reason <text>]
  retry <job-id> [--reason <text>]

Every subcommand takes --json (the gateway's JSON) and:
${CLIENT_OPTIONS_HELP}

Errors print the gateway's code and message and exit 1.`,

  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help' || rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    const handler = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!handler) throw new UsageError(`${NAME}: unknown subcommand "${sub}": submit, get, list, cancel or retry (see: ${NAME} --help)`);
    try {
      return await handler(rest, io);
    } catch (error) {
      // One line with the API's code, as the gateway said it; main prints it and exits 1.
      if (error instanceof JetJobsError && error.status === 0) throw new Error(`Cannot reach the gateway: ${error.message}`);
      if (error instanceof JetJobsError) throw new Error(`The gateway refused (${error.status} ${error.code}): ${error.message}`);
      throw error;
    }
  },
};
