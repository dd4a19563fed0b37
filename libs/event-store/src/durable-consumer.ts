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
 * Hands a durable consumer's messages to `handle` in batches, group-commit style: whatever
 * arrived while the previous batch was being handled is the next batch (up to `maxBatch`). A
 * quiet stream gets each event at once; a busy one gets batches as large as its handler is slow,
 * so a handler that costs a round trip per batch keeps up. The handler acks; a batch whose
 * handler throws is handed back (nak) after a short delay.
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
  const arrived: JsMsg[] = [];
  const idle = () => undefined;
  let wake: () => void = idle;
  let ended = false;
  const receiving = (async () => {
    try {
      for await (const message of messages) {
        arrived.push(message);
        wake();
      }
    } finally {
      ended = true;
      wake();
    }
  })();
  try {
    while (!options.signal.aborted) {
      if (arrived.length === 0) {
        if (ended) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = idle;
        continue;
      }
      const batch = arrived.splice(0, options.maxBatch);
      await handle(batch).catch(() => batch.forEach((m) => m.nak(1000)));
    }
  } finally {
    options.signal.removeEventListener('abort', stop);
    messages.stop();
    // Received but not handled: hand back at once rather than after the ack wait.
    for (const message of arrived.splice(0)) message.nak();
    await receiving;
  }
}
