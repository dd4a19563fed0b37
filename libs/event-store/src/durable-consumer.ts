import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerConfig,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';

export interface DurableConsumerSpec {
  readonly stream: string;
  readonly name: string;
  readonly filterSubject: string;
  readonly ackWaitMs: number;
  /** -1 for unlimited redeliveries. */
  readonly maxDeliver: number;
  readonly maxAckPending?: number;
}

const MS = 1_000_000;

/** Creates the durable pull consumer, or updates the settings that may change. Idempotent. */
export async function ensureDurableConsumer(jsm: JetStreamManager, spec: DurableConsumerSpec): Promise<void> {
  const config: Partial<ConsumerConfig> = {
    durable_name: spec.name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: spec.filterSubject,
    ack_wait: spec.ackWaitMs * MS,
    max_deliver: spec.maxDeliver,
    max_ack_pending: spec.maxAckPending ?? 1000,
  };
  try {
    await jsm.consumers.info(spec.stream, spec.name);
    await jsm.consumers.update(spec.stream, spec.name, {
      ack_wait: config.ack_wait,
      max_deliver: config.max_deliver,
      max_ack_pending: config.max_ack_pending,
    });
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
    await jsm.consumers.add(spec.stream, config);
  }
}

export function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

export interface BatchOptions {
  /** Most messages handed to one call of the handler. */
  readonly maxBatch: number;
  readonly signal: AbortSignal;
}

/**
 * Hands a durable consumer's messages to `handle` in batches. A batch is flushed when it is full
 * or when the server says nothing more is pending, so a quiet stream gets low latency and a busy
 * one gets large batches. The handler acks; a batch whose handler throws is handed back (nak)
 * after a short delay.
 */
export async function consumeInBatches(
  js: JetStreamClient,
  stream: string,
  consumerName: string,
  handle: (batch: JsMsg[]) => Promise<void>,
  options: BatchOptions,
): Promise<void> {
  const consumer = await js.consumers.get(stream, consumerName);
  const messages = await consumer.consume({ max_messages: options.maxBatch * 2 });
  const stop = () => messages.stop();
  options.signal.addEventListener('abort', stop, { once: true });
  let batch: JsMsg[] = [];
  try {
    for await (const message of messages) {
      batch.push(message);
      if (batch.length < options.maxBatch && message.info.pending > 0) continue;
      const current = batch;
      batch = [];
      await handle(current).catch(() => current.forEach((m) => m.nak(1000)));
      if (options.signal.aborted) break;
    }
  } finally {
    options.signal.removeEventListener('abort', stop);
    messages.stop();
  }
}
