import type { ConsumerInfo, StreamInfo } from '@nats-io/jetstream';
import { Objm } from '@nats-io/obj';
import { consumerLag, type EventStore } from '@jetjobs/event-store';
import type { Command } from '../command';
import { withEventStore } from '../operator/event-store-session';
import { operatorSettings } from '../operator/settings';
import { bytes, count, formatTable, type Column } from '../operator/table';
import { parseOptions } from '../parse-options';
import { EXIT_OK } from '../usage-error';

const NAME = 'jetjobs streams';

const options = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface ConsumerRow {
  readonly stream: string;
  readonly info: ConsumerInfo;
}

export const streamsCommand: Command = {
  name: 'streams',
  summary: "the namespace's streams and consumers: pending, redelivered, lag; object store use",
  help: `Usage: ${NAME} [--json]

Shows the namespace's JetStream streams (job events, work queue, advisories, idempotency keys,
media), every consumer on them with its pending, unacknowledged and redelivered counts and its
lag, and how much the media object store holds.

  LAG  messages the consumer has not finished: not yet delivered plus delivered but unacknowledged

Options:
  --json       the same as one JSON document
  -h, --help   show this help

Environment: NATS_URL (nats://127.0.0.1:4222), JETJOBS_NAMESPACE (jetjobs).`,

  async run(args, io) {
    const values = parseOptions(NAME, args, options);
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    const report = await withEventStore(operatorSettings(io.env), inspect);
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : render(report));
    return EXIT_OK;
  },
};

async function inspect(store: EventStore) {
  const streams: StreamInfo[] = [];
  for await (const info of store.jsm.streams.list()) if (ownedBy(store, info.config.name)) streams.push(info);
  streams.sort((a, b) => a.config.name.localeCompare(b.config.name));
  const consumers: ConsumerRow[] = [];
  for (const stream of streams) {
    for await (const info of store.jsm.consumers.list(stream.config.name)) consumers.push({ stream: stream.config.name, info });
  }
  const media = await new Objm(store.nc).open(store.names.mediaBucket).catch(() => null);
  const objects = media ? await media.list() : [];
  return {
    streams: streams.map(({ config, state }) => ({
      name: config.name,
      subjects: config.subjects,
      messages: state.messages,
      bytes: state.bytes,
      firstSeq: state.first_seq,
      lastSeq: state.last_seq,
      consumers: state.consumer_count,
    })),
    consumers: consumers.map(({ stream, info }) => ({
      stream,
      name: info.name,
      filter: info.config.filter_subject ?? null,
      pending: info.num_pending,
      ackPending: info.num_ack_pending,
      redelivered: info.num_redelivered,
      waiting: info.num_waiting,
      lag: consumerLag(info),
      deliveredSeq: info.delivered.stream_seq,
      ackFloorSeq: info.ack_floor.stream_seq,
    })),
    objectStore: media
      ? { bucket: store.names.mediaBucket, objects: objects.length, bytes: objects.reduce((sum, object) => sum + object.size, 0), storedBytes: (await media.status()).size }
      : null,
  };
}

/** The namespace's own streams: `<NS>_*`, and the KV and object-store buckets named after it. */
function ownedBy(store: EventStore, name: string): boolean {
  const prefix = store.names.jobsStream.replace(/_JOBS$/, '_');
  const ns = store.names.namespace;
  return name.startsWith(prefix) || name.startsWith(`KV_${ns}_`) || name.startsWith(`OBJ_${ns}_`);
}

type Report = Awaited<ReturnType<typeof inspect>>;

const STREAM_COLUMNS: readonly Column<Report['streams'][number]>[] = [
  ['STREAM', (s) => s.name],
  ['MESSAGES', (s) => count(s.messages)],
  ['SIZE', (s) => bytes(s.bytes)],
  ['FIRST', (s) => String(s.firstSeq)],
  ['LAST', (s) => String(s.lastSeq)],
  ['CONSUMERS', (s) => String(s.consumers)],
];

const CONSUMER_COLUMNS: readonly Column<Report['consumers'][number]>[] = [
  ['CONSUMER', (c) => c.name],
  ['STREAM', (c) => c.stream],
  ['FILTER', (c) => c.filter ?? '-'],
  ['PENDING', (c) => count(c.pending)],
  ['ACK PENDING', (c) => count(c.ackPending)],
  ['REDELIVERED', (c) => count(c.redelivered)],
  ['WAITING', (c) => count(c.waiting)],
  ['LAG', (c) => count(c.lag)],
  ['DELIVERED', (c) => String(c.deliveredSeq)],
  ['ACK FLOOR', (c) => String(c.ackFloorSeq)],
];

function render(report: Report): string {
  const parts = [formatTable(STREAM_COLUMNS, report.streams)];
  parts.push(report.consumers.length === 0 ? 'No consumers.\n' : formatTable(CONSUMER_COLUMNS, report.consumers));
  const store = report.objectStore;
  parts.push(store ? `Object store ${store.bucket}: ${count(store.objects)} objects, ${bytes(store.bytes)} (${bytes(store.storedBytes)} stored)\n` : 'No media object store.\n');
  return parts.join('\n');
}
