import { randomBytes } from 'node:crypto';
import { AckPolicy, jetstream, jetstreamManager, type PubAck } from '@nats-io/jetstream';
import { connectNats } from '@jetjobs/event-store';
import { round } from '../common/stats';

export interface CeilingResult {
  readonly messages: number;
  readonly bytes: number;
  readonly messagesPerSecond: number;
}

/**
 * The raw JetStream ceiling for the same number of messages of the same size: async publishes
 * with a window of outstanding acks, then one durable pull consumer acking every message.
 */
export async function runCeiling(natsUrl: string, messages: number, messageBytes: number): Promise<CeilingResult> {
  const nc = await connectNats(natsUrl, 'bench-ceiling');
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const stream = `BENCH_CEILING_${randomBytes(4).toString('hex').toUpperCase()}`;
  const subject = `${stream.toLowerCase()}.events`;
  await jsm.streams.add({ name: stream, subjects: [`${subject}`] });
  await jsm.consumers.add(stream, { durable_name: 'reader', ack_policy: AckPolicy.Explicit, max_ack_pending: 10_000 });
  const payload = randomBytes(Math.ceil(messageBytes / 2)).toString('hex').slice(0, messageBytes);
  const started = performance.now();
  const window: Promise<PubAck>[] = [];
  for (let i = 0; i < messages; i++) {
    window.push(js.publish(subject, payload, { msgID: `m${i}` }));
    if (window.length >= 256) await Promise.all(window.splice(0));
  }
  await Promise.all(window);
  const consumer = await js.consumers.get(stream, 'reader');
  const iterator = await consumer.consume({ max_messages: 1_000 });
  let read = 0;
  for await (const message of iterator) {
    message.ack();
    read += 1;
    if (read === messages) break;
  }
  const wallMs = performance.now() - started;
  await jsm.streams.delete(stream);
  await nc.drain();
  return { messages, bytes: messageBytes, messagesPerSecond: round((messages / wallMs) * 1000) };
}
