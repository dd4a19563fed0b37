import { Inject, Injectable } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import { maxDeliveriesAdvisorySchema, workItemSchema, type Names } from '@jetjobs/contracts';
import { consumeInBatches, ensureDurableConsumer, EventStore, executeCommand } from '@jetjobs/event-store';
import { NAMES } from '@jetjobs/event-store-nest';
import { BackgroundLoop } from '../background/background-loop';

/**
 * A work item delivered `max_deliver` times without an ack means its workers keep dying. The
 * server says so in an advisory (kept in a stream, so none is missed while the registry is
 * down); the job is failed with that reason and the dead item removed: nothing is lost silently.
 */
@Injectable()
export class DeadLetterService extends BackgroundLoop {
  constructor(
    private readonly store: EventStore,
    @Inject(NAMES) private readonly names: Names,
  ) {
    super();
  }

  protected async run(signal: AbortSignal): Promise<void> {
    const spec = { stream: this.names.advisoryStream, name: this.names.deadLetterConsumer, filterSubject: this.names.maxDeliveriesAdvisory() };
    await ensureDurableConsumer(this.store.jsm, { ...spec, ackWaitMs: 30_000, maxDeliver: -1 });
    await consumeInBatches(this.store.js, spec.stream, spec.name, async (batch) => {
      for (const message of batch) await this.handle(message);
    }, { maxBatch: 16, signal });
  }

  private async handle(message: JsMsg): Promise<void> {
    const advisory = maxDeliveriesAdvisorySchema.safeParse(message.json());
    if (!advisory.success || advisory.data.stream !== this.names.workStream) return message.ack();
    const { stream_seq: seq, deliveries } = advisory.data;
    const stored = await this.store.jsm.streams.getMessage(this.names.workStream, { seq }).catch(() => null);
    const item = stored ? workItemSchema.safeParse(stored.json()) : null;
    if (item?.success) {
      const { jobId, attempt } = item.data;
      const loaded = await this.store.load(jobId);
      const live = loaded.state.status === 'queued' || loaded.state.status === 'processing';
      if (live && loaded.state.attempt === attempt) {
        const message = `The work item for attempt ${attempt} was delivered ${deliveries} times without an outcome: its worker kept stopping`;
        await executeCommand(this.store, { jobId }, { type: 'FailJob', data: { error: { code: 'worker_lost', message } } }, {
          correlationId: jobId,
          causationId: null,
        }, loaded);
      }
      await this.store.jsm.streams.deleteMessage(this.names.workStream, seq).catch(() => false);
    }
    message.ack();
  }
}
