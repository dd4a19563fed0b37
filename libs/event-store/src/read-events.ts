import { DeliverPolicy, type Consumer, type JetStreamClient, type JsMsg, type OrderedConsumerOptions } from '@nats-io/jetstream';
import type { Names, StoredEvent } from '@jetjobs/contracts';
import { decodeEvent } from './event-codec';

export interface ReplayOptions {
  /** First stream sequence to read (inclusive). */
  readonly fromSeq?: number;
  /** Read events stored at or after this time. */
  readonly since?: Date;
  /** Only this subject (wildcards allowed); defaults to every job event of the namespace. */
  readonly subject?: string;
  /** Keep streaming new events after the stored ones; otherwise stop when caught up. */
  readonly follow?: boolean;
  /** Stops a following replay. */
  readonly signal?: AbortSignal;
  /** Deliver headers and subjects only (no bodies): for readers that only need the event type. */
  readonly headersOnly?: boolean;
}

/**
 * Ordered replay through an ordered consumer: nothing durable is left on the server, messages
 * come in stream order, and a gap makes the client recreate the consumer where it left off.
 */
export async function* replayEvents(js: JetStreamClient, names: Names, options: ReplayOptions = {}): AsyncGenerator<StoredEvent> {
  for await (const message of replayMessages(js, names, options)) yield decodeEvent(message);
}

/**
 * The same replay, undecoded: for readers that must decide themselves what an event that fails
 * validation means (skip it like the projector, report it) and that need the stream's own
 * metadata, such as the time the server stored each message.
 */
export async function* replayMessages(js: JetStreamClient, names: Names, options: ReplayOptions = {}): AsyncGenerator<JsMsg> {
  const consumer = await js.consumers.get(names.jobsStream, orderedOptions(names, options));
  try {
    const { num_pending: stored } = await consumer.info();
    if (stored === 0 && !options.follow) return;
    yield* drain(consumer, stored, options);
  } finally {
    await consumer.delete().catch(() => undefined);
  }
}

/**
 * How long one pull request lives; idle heartbeats come at half of it. After a server restart the
 * client may re-create an ordered consumer without a working pull, and only two missed heartbeats
 * make it pull again: with the default 30 s, a live follower (SSE, cancellations) sat idle ~40 s.
 */
const PULL_EXPIRES_MS = 5_000;

async function* drain(consumer: Consumer, stored: number, options: ReplayOptions): AsyncGenerator<JsMsg> {
  const messages = await consumer.consume({ max_messages: Math.min(Math.max(stored, 64), 1024), expires: PULL_EXPIRES_MS });
  const stop = () => messages.stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    if (options.signal?.aborted) return;
    for await (const message of messages) {
      yield message;
      if (!options.follow && message.info.pending === 0) return;
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    messages.stop();
  }
}

function orderedOptions(names: Names, options: ReplayOptions): Partial<OrderedConsumerOptions> {
  const filter = { filter_subjects: options.subject ?? names.jobsWildcard, ...(options.headersOnly ? { headers_only: true } : {}) };
  if (options.fromSeq !== undefined) {
    return { ...filter, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Math.max(1, options.fromSeq) };
  }
  if (options.since !== undefined) {
    return { ...filter, deliver_policy: DeliverPolicy.StartTime, opt_start_time: options.since.toISOString() };
  }
  return { ...filter, deliver_policy: options.follow ? DeliverPolicy.New : DeliverPolicy.All };
}
