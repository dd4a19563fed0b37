import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { headers, type MsgHdrs } from '@nats-io/transport-node';
import { currentTraceparent, TRACEPARENT_HEADER } from '@jetjobs/telemetry';
import type { Names, WorkItem } from '@jetjobs/contracts';
import { ensureDurableConsumer } from './durable-consumer';

export interface WorkConsumerSettings {
  readonly ackWaitMs: number;
  readonly maxDeliver: number;
}

/**
 * One shared durable consumer per kind, bound by every replica of that kind's worker: replicas
 * compete for items, and an item whose worker dies is redelivered after `ackWaitMs`.
 */
export function ensureWorkConsumer(jsm: JetStreamManager, names: Names, kind: string, settings: WorkConsumerSettings): Promise<void> {
  return ensureDurableConsumer(jsm, {
    stream: names.workStream,
    name: names.workConsumer(kind),
    filterSubject: names.workSubject(kind),
    ackWaitMs: settings.ackWaitMs,
    maxDeliver: settings.maxDeliver,
  });
}

/**
 * Queues one attempt of a job. The message id makes a re-dispatch of the same attempt a no-op.
 * The current span travels in a `traceparent` header, so the worker's attempt joins the job's trace.
 */
export async function publishWorkItem(js: JetStreamClient, names: Names, item: WorkItem): Promise<void> {
  await js.publish(names.workSubject(item.kind), JSON.stringify(item), { msgID: `${item.jobId}:${item.attempt}`, headers: traceHeaders() });
}

function traceHeaders(): MsgHdrs | undefined {
  const traceparent = currentTraceparent();
  if (traceparent === undefined) return undefined;
  const result = headers();
  result.set(TRACEPARENT_HEADER, traceparent);
  return result;
}
