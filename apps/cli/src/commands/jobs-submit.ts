import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { UploadKind, UploadProgress } from '@jetjobs/client';
import type { CommandIo } from '../command';
import { CLIENT_OPTIONS, clientFor } from '../client/client-settings';
import { followAndShow } from '../client/follow-display';
import { progressBar } from '../operator/progress';
import { interruption, terminal, type Terminal } from '../operator/terminal';
import { parseOptions } from '../parse-options';
import { EXIT_OK, UsageError } from '../usage-error';

const NAME = 'jetjobs jobs submit';
const UPLOAD_KINDS: readonly string[] = ['avf', 'moderation', 'clipper'];

const options = {
  ...CLIENT_OPTIONS,
  kind: { type: 'string' },
  input: { type: 'string' },
  file: { type: 'string' },
  'idempotency-key': { type: 'string' },
  'webhook-url': { type: 'string' },
  follow: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** `jobs submit`: prints the new job's id (or its JSON), then with --follow its live progress. */
export async function submitJob(args: string[], io: CommandIo): Promise<number> {
  const values = parseOptions(NAME, args, options);
  if (!values.kind) throw new UsageError(`${NAME}: --kind <kind> is required (see: jetjobs jobs --help)`);
  if (values.file !== undefined && values.input !== undefined) {
    throw new UsageError(`${NAME}: give --input or --file, not both: an uploaded video becomes the job's input`);
  }
  if (values.file === undefined && values.input === undefined) throw new UsageError(`${NAME}: --input <json|@file.json> or --file <video> is required`);
  if (values.file !== undefined && !UPLOAD_KINDS.includes(values.kind)) {
    throw new UsageError(`${NAME}: --file: kind "${values.kind}" takes no upload; one of ${UPLOAD_KINDS.join(', ')}`);
  }
  if (values.file !== undefined) {
    await access(resolve(io.cwd, values.file)).catch((error: Error) => {
      throw new UsageError(`${NAME}: --file ${values.file}: ${error.message}`);
    });
  }
  const jj = clientFor(NAME, values, io);
  const term = terminal(io);
  const stop = interruption();
  try {
    const job = values.input === undefined
      ? await jj.uploads.submitVideo(values.kind as UploadKind, createReadStream(resolve(io.cwd, values.file ?? '')), { onProgress: uploadBar(term), signal: stop.signal })
      : await jj.jobs.submit(
          { kind: values.kind, input: await readInput(values.input, io.cwd), webhook_url: values['webhook-url'] },
          { idempotencyKey: values['idempotency-key'], signal: stop.signal },
        );
    if (values.file !== undefined && term.errIsTTY) term.err('\n');
    term.out(values.json ? `${JSON.stringify(job)}\n` : `${job.id}\n`);
    if (!values.follow) return EXIT_OK;
    return await followAndShow(jj, job.id, { term, json: values.json === true, signal: stop.signal });
  } finally {
    stop.dispose();
  }
}

/** `--input '{"a":1}'` or `--input @input.json` (relative to the working directory). */
async function readInput(text: string, cwd: string): Promise<unknown> {
  const source = text.startsWith('@') ? await readFile(resolve(cwd, text.slice(1)), 'utf8').catch((error: Error) => {
    throw new UsageError(`${NAME}: --input ${text}: ${error.message}`);
  }) : text;
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new UsageError(`${NAME}: --input is not JSON: ${(error as Error).message}`);
  }
}

/** The upload's progress on stderr: redrawn in place on a terminal, every quarter elsewhere. */
function uploadBar(term: Terminal): (progress: UploadProgress) => void {
  let shownQuarter = -1;
  return ({ sentBytes, totalBytes }) => {
    const fraction = totalBytes ? sentBytes / totalBytes : 0;
    const text = `upload ${progressBar(fraction)} ${totalBytes ? `${Math.round(fraction * 100)}% ` : ''}${mib(sentBytes)}${totalBytes ? ` of ${mib(totalBytes)}` : ''} MiB`;
    if (term.errIsTTY) return term.err(`\r${text}\x1b[K`);
    const quarter = Math.floor(fraction * 4);
    if (quarter > shownQuarter) {
      shownQuarter = quarter;
      term.err(`${text}\n`);
    }
  };
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
