import type { JsMsg } from '@nats-io/jetstream';

/**
 * Acks sent in one turn of the event loop leave in one socket write; a loop that acks as it
 * iterates a consumer (`for await`) sends each in a write of its own, and on a busy stream those
 * writes cost more than the work. This holds the acks and sends them together on the next turn.
 */
export class AckCoalescer {
  private queued: JsMsg[] = [];

  ack(message: JsMsg): void {
    if (this.queued.push(message) === 1) setImmediate(() => this.flush());
  }

  /** Sends what is held now, e.g. before the consumer stops. */
  flush(): void {
    const queued = this.queued;
    this.queued = [];
    for (const message of queued) message.ack();
  }
}
