import { JOB_EVENT_TYPES, type JobEventType } from '@jetjobs/contracts';
import { queryEvents, type EventQuery, type QueriedEvent } from '@jetjobs/event-store';
import type { AdminEvent } from '@jetjobs/client';
import type { Command, CommandIo } from '../command';
import { summarizeEvent } from '../operator/event-summary';
import { withEventStore } from '../operator/event-store-session';
import { operatorSettings } from '../operator/settings';
import { clip } from '../operator/table';
import { EXIT_INTERRUPTED, interruption, terminal } from '../operator/terminal';
import { parseCountOption, parseTimeOption } from '../operator/time-option';
import { CLIENT_OPTIONS } from '../client/client-settings';
import { adminClient, gatewayFailure, overGateway, OVER_GATEWAY_HELP, toAdminQuery, toJobEvent } from '../operator/admin-gateway';
import { parseOptions, type ParsedOptions } from '../parse-options';
import { EXIT_OK, UsageError } from '../usage-error';

const NAME = 'jetjobs events';

const options = {
  ...CLIENT_OPTIONS,
  'from-seq': { type: 'string' },
  'to-seq': { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  job: { type: 'string' },
  kind: { type: 'string' },
  project: { type: 'string' },
  type: { type: 'string' },
  limit: { type: 'string' },
  follow: { type: 'boolean', short: 'f' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const eventsCommand: Command = {
  name: 'events',
  summary: 'print job events from the stream: a range, a time window, a job; --follow',
  help: `Usage: ${NAME} [range] [filters] [--follow] [--json]

Prints events from the JOBS stream in stream order, read through an ordered consumer
(nothing is left on the server). Without a range: every stored event, or with --follow
only new ones.

Range:
  --from-seq <n>      from this stream sequence (inclusive)
  --to-seq <n>        up to this stream sequence (inclusive)
  --since <time>      stored at or after: ISO (2026-11-25T10:00Z) or a time ago (15m, 2h, 7d)
  --until <time>      stored before, same forms
Filters:
  --job <id>          one job's events
  --kind <kind>       one kind's events
  --project <id>      one project's events
  --type <types>      event types, comma-separated (JobFailed,JobRetryScheduled)
Output:
  --limit <n>         stop after n events
  -f, --follow        keep printing new events until Ctrl-C (or --to-seq / --until)
  --json              one JSON object per line ({seq, storedAt, type, data, metadata}), for jq
  -h, --help          show this help

Environment: NATS_URL (nats://127.0.0.1:4222), JETJOBS_NAMESPACE (jetjobs).
${OVER_GATEWAY_HELP}
Over the gateway, --json prints the admin API's event objects (GET /v1/admin/events).`,

  async run(args, io) {
    const values = parseOptions(NAME, args, options);
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    const query = toQuery(values);
    const limit = values.limit === undefined ? Infinity : parseCountOption(NAME, '--limit', values.limit);
    const term = terminal(io);
    const stop = interruption();
    let printed = 0;
    try {
      if (overGateway(values, io.env)) {
        await eventsOverGateway(values, query, limit, io, stop.signal).catch((error: unknown) => {
          throw gatewayFailure(error);
        });
        return stop.signal.aborted ? EXIT_INTERRUPTED : EXIT_OK;
      }
      await withEventStore(operatorSettings(io.env), async (store) => {
        const onInvalid = (seq: number, error: unknown) => term.err(`skipping sequence ${seq}: not a valid event (${String(error).split('\n')[0]})\n`);
        if (!values.json) term.out(HEADER);
        for await (const stored of queryEvents(store, { ...query, signal: stop.signal, onInvalid })) {
          term.out(values.json ? `${jsonLine(stored)}\n` : row(stored));
          if (++printed >= limit) break;
        }
      });
    } finally {
      stop.dispose();
    }
    return stop.signal.aborted ? EXIT_INTERRUPTED : EXIT_OK;
  },
};

type Values = ParsedOptions<typeof options>;

/** The same rows (or one admin JSON object per line) read from the gateway's admin API. */
async function eventsOverGateway(values: Values, query: EventQuery, limit: number, io: CommandIo, signal: AbortSignal): Promise<void> {
  const admin = adminClient(NAME, values, io).admin;
  const out = io.stdout;
  const filters = toAdminQuery(query);
  if (!values.json) out(HEADER);
  let printed = 0;
  const print = (event: AdminEvent) => {
    out(values.json ? `${JSON.stringify(event)}\n` : row({ seq: event.seq, storedAt: new Date(event.stored_at), event: toJobEvent(event) }));
    return ++printed >= limit;
  };
  if (query.follow) {
    for await (const event of admin.followEvents(filters, { signal })) if (print(event)) return;
    return;
  }
  for (let fromSeq = filters.fromSeq; ; ) {
    // A later page starts at a sequence, which the API does not take together with a time.
    const since = fromSeq === filters.fromSeq ? filters.since : undefined;
    const page = await admin.events({ ...filters, fromSeq, since, limit: Math.min(1_000, limit - printed) }, { signal });
    for (const event of page.items) if (print(event)) return;
    if (page.next_from_seq === null || page.items.length === 0) return;
    fromSeq = page.next_from_seq;
  }
}

function toQuery(values: Values): EventQuery {
  if (values['from-seq'] !== undefined && values.since !== undefined) {
    throw new UsageError(`${NAME}: --from-seq and --since cannot be combined (see: ${NAME} --help)`);
  }
  return {
    fromSeq: values['from-seq'] === undefined ? undefined : parseCountOption(NAME, '--from-seq', values['from-seq']),
    toSeq: values['to-seq'] === undefined ? undefined : parseCountOption(NAME, '--to-seq', values['to-seq']),
    since: values.since === undefined ? undefined : parseTimeOption(NAME, '--since', values.since),
    until: values.until === undefined ? undefined : parseTimeOption(NAME, '--until', values.until),
    jobId: values.job === undefined ? undefined : checkJobId(values.job),
    kind: values.kind === undefined ? undefined : checkKind(values.kind),
    projectId: values.project,
    types: values.type === undefined ? undefined : parseTypes(values.type),
    follow: values.follow ?? false,
  };
}

function checkJobId(text: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) throw new UsageError(`${NAME}: --job: "${text}" is not a job id (a UUID)`);
  return text.toLowerCase();
}

function checkKind(text: string): string {
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(text)) throw new UsageError(`${NAME}: --kind: "${text}" is not a kind (lowercase letters, digits, "-")`);
  return text;
}

function parseTypes(text: string): JobEventType[] {
  const types = text.split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = types.filter((type) => !(JOB_EVENT_TYPES as string[]).includes(type));
  if (types.length === 0 || unknown.length > 0) {
    throw new UsageError(`${NAME}: --type: unknown event type ${unknown.join(', ') || '(none given)'} (known: ${JOB_EVENT_TYPES.join(', ')})`);
  }
  return types as JobEventType[];
}

function jsonLine({ seq, storedAt, event }: QueriedEvent): string {
  return JSON.stringify({ seq, storedAt: storedAt.toISOString(), type: event.type, data: event.data, metadata: event.metadata });
}

const HEADER = `${'SEQ'.padEnd(8)} ${'TIME'.padEnd(24)} ${'TYPE'.padEnd(18)} ${'JOB'.padEnd(36)} ${'VER'.padEnd(4)} ${'KIND'.padEnd(12)} ${'PROJECT'.padEnd(12)} DETAIL\n`;

function row({ seq, event }: QueriedEvent): string {
  const m = event.metadata;
  const cells = [
    String(seq).padEnd(8),
    m.occurredAt.padEnd(24),
    event.type.padEnd(18),
    m.jobId.padEnd(36),
    String(m.version).padEnd(4),
    clip(m.kind, 12).padEnd(12),
    clip(m.projectId, 12).padEnd(12),
    clip(summarizeEvent(event), 100),
  ];
  return `${cells.join(' ').trimEnd()}\n`;
}
