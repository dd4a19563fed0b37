import type { CommandIo } from '../command';
import { CLIENT_OPTIONS, clientFor } from '../client/client-settings';
import { parseCommandLine } from '../parse-options';
import { EXIT_OK } from '../usage-error';
import { describeJob, jobIdArgument } from './jobs-read';

const options = { ...CLIENT_OPTIONS, reason: { type: 'string' }, json: { type: 'boolean' } } as const;

/** `jobs cancel <id>` and `jobs retry <id>`: prints the job as it is after the request. */
export async function controlJob(action: 'cancel' | 'retry', args: string[], io: CommandIo): Promise<number> {
  const name = `jetjobs jobs ${action}`;
  const { values, positionals } = parseCommandLine(name, args, options, 1);
  const id = jobIdArgument(action, positionals[0]);
  const jj = clientFor(name, values, io);
  const job = action === 'cancel' ? await jj.jobs.cancel(id, { reason: values.reason }) : await jj.jobs.retry(id, { reason: values.reason });
  io.stdout(values.json ? `${JSON.stringify(job)}\n` : describeJob(job));
  return EXIT_OK;
}
