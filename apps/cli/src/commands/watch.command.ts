import { isJobId } from '@jetjobs/contracts';
import type { Command } from '../command';
import { readSse } from '../operator/sse-reader';
import { EXIT_INTERRUPTED, interruption, terminal } from '../operator/terminal';
import { TERMINAL_EVENTS, WatchDisplay, type StreamEvent } from '../operator/watch-display';
import { parseOptions } from '../parse-options';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../usage-error';

const NAME = 'jetjobs watch';
/** How long the gateway may stay unreachable before watching gives up. */
const GIVE_UP_AFTER_MS = 120_000;
const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 2_000;

const options = {
  gateway: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const watchCommand: Command = {
  name: 'watch',
  summary: "follow a running job live: progress bar, stage detail, log lines",
  help: `Usage: ${NAME} <job-id> [--gateway <url>] [--token <token>] [--json]

Follows the job's event stream (GET /v1/jobs/<id>/events) until it ends: a progress bar with
the stage detail, and every log line and milestone. If the connection drops (a gateway restart)
it reconnects with Last-Event-ID and carries on with no gap and no repeat, for up to 2 minutes.
Exits 0 when the job completes, 1 when it fails or is cancelled.

Options:
  --gateway <url>   the gateway (default: $JETJOBS_GATEWAY_URL, else http://127.0.0.1:8080)
  --token <token>   a bearer token or API key with job:read on the job's project
                    (default: $JETJOBS_TOKEN; e.g. export JETJOBS_TOKEN=$(jetjobs token --project p))
  --json            print each event as the gateway sends it, one JSON object per line
  -h, --help        show this help`,

  async run(args, io) {
    const [jobId, rest] = args[0] !== undefined && !args[0].startsWith('-') ? [args[0], args.slice(1)] : [undefined, args];
    const values = parseOptions(NAME, rest, options);
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    if (jobId === undefined) throw new UsageError(`${NAME}: missing <job-id> (see: ${NAME} --help)`);
    if (!isJobId(jobId)) throw new UsageError(`${NAME}: "${jobId}" is not a job id (a UUID)`);
    const token = values.token ?? io.env['JETJOBS_TOKEN'];
    if (!token) throw new UsageError(`${NAME}: needs a token: --token or JETJOBS_TOKEN (e.g. JETJOBS_TOKEN=$(jetjobs token --project <id>))`);
    const gateway = (values.gateway ?? io.env['JETJOBS_GATEWAY_URL'] ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
    const term = terminal(io);
    const display = new WatchDisplay(term.out, term.outIsTTY && !values.json);
    const stop = interruption();
    try {
      const last = await follow(`${gateway}/v1/jobs/${jobId.toLowerCase()}/events`, token, stop.signal, (event) => {
        if (values.json) term.out(`${JSON.stringify(event)}\n`);
        else display.show(event);
      }, (note) => (values.json ? term.err(`${note}\n`) : display.note(note)));
      display.end();
      if (last === null) return EXIT_INTERRUPTED;
      return last === 'JobCompleted' ? EXIT_OK : EXIT_FAILURE;
    } finally {
      stop.dispose();
    }
  },
};

/**
 * Reads the job's stream until its terminal event, reconnecting after the last version seen.
 * Resolves to the terminal event's type, or null when interrupted.
 */
async function follow(
  url: string,
  token: string,
  signal: AbortSignal,
  onEvent: (event: StreamEvent) => void,
  onNote: (text: string) => void,
): Promise<string | null> {
  let lastVersion = 0;
  let failingSince: number | null = null;
  for (let retry = 0; ; retry++) {
    let reason: string;
    try {
      const response = await fetch(url, { headers: headers(token, lastVersion), signal });
      if (response.status >= 400 && response.status < 500) throw new FatalError(await refusal(response));
      if (!response.ok || response.body === null) throw new Error(`the gateway answered ${response.status}`);
      failingSince = null;
      retry = 0;
      for await (const message of readSse(response.body)) {
        const event = JSON.parse(message.data) as StreamEvent;
        if (event.version <= lastVersion) continue;
        lastVersion = event.version;
        onEvent(event);
        if (TERMINAL_EVENTS.has(event.type)) return event.type;
      }
      reason = 'the gateway ended the stream';
    } catch (error) {
      if (signal.aborted) return null;
      if (error instanceof FatalError) throw error;
      reason = describe(error);
    }
    failingSince ??= Date.now();
    if (Date.now() - failingSince > GIVE_UP_AFTER_MS) throw new Error(`Gave up: cannot reach ${url} (${reason})`);
    onNote(`connection lost (${reason}); reconnecting after version ${lastVersion}…`);
    await pause(Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** retry), signal);
    if (signal.aborted) return null;
  }
}

class FatalError extends Error {}

function headers(token: string, lastVersion: number): Record<string, string> {
  const base: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${token}` };
  return lastVersion > 0 ? { ...base, 'last-event-id': String(lastVersion) } : base;
}

/** The gateway's `{error: {code, message}}` as one line. */
async function refusal(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  return `The gateway refused (${response.status} ${body?.error?.code ?? ''}): ${body?.error?.message ?? response.statusText}`;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
