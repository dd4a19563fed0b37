import { Inject, Injectable } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import type { Names } from '@jetjobs/contracts';
import { AckCoalescer, decodeEvent, ensureDurableConsumer, EVENT_TYPE_HEADER, EventStore } from '@jetjobs/event-store';
import { NAMES } from '@jetjobs/event-store-nest';
import { BackgroundLoop } from '../background/background-loop';
import type { WebhookSettings } from './webhook-config';
import { WebhookDeliverer, type TerminalEvent } from './webhook-deliverer';
import { WEBHOOK_SETTINGS } from './webhook-settings.provider';
import { InFlightLimit } from './in-flight-limit';
import { ProjectSlots } from './project-slots';

const TERMINAL_TYPES: ReadonlySet<string> = new Set(['JobCompleted', 'JobFailed', 'JobCancelled']);
// A handler that fails (database or NATS down) hands its event back for another try after this.
const FAILURE_RETRY_MS = 5_000;
// An event whose project has every one of its slots busy comes back after this: it waits in the
// stream, not in a slot another tenant could use.
const PROJECT_BUSY_RETRY_MS = 1_000;

/**
 * The `webhooks` durable consumer on the JOBS stream. Terminal events are delivered concurrently,
 * each project holding at most its share of the slots (a busy project's event waits in the stream);
 * a failed attempt hands its event back with the backoff as the redelivery delay (`nak`), so no
 * timer lives in memory and a restarted registry resumes every pending retry. The ack comes after
 * the outcome is recorded, and the record decides what a redelivered event does.
 */
@Injectable()
export class WebhookDeliveryService extends BackgroundLoop {
  constructor(
    private readonly store: EventStore,
    private readonly deliverer: WebhookDeliverer,
    @Inject(NAMES) private readonly names: Names,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {
    super();
  }

  protected async run(signal: AbortSignal): Promise<void> {
    const { js, jsm } = this.store;
    const spec = { stream: this.names.jobsStream, name: this.names.webhookConsumer, filterSubject: this.names.jobsWildcard };
    // Redelivery must not overtake a request still in flight, whose timeout is configurable.
    const ackWaitMs = Math.max(30_000, 3 * this.settings.timeoutMs);
    // Events waiting for a retry stay unacknowledged: leave room for many receivers being down.
    await ensureDurableConsumer(jsm, { ...spec, ackWaitMs, maxDeliver: -1, maxAckPending: 20_000 });
    const consumer = await js.consumers.get(spec.stream, spec.name);
    const messages = await consumer.consume({ max_messages: this.settings.concurrency * 4 });
    const stop = () => messages.stop();
    signal.addEventListener('abort', stop, { once: true });
    const inFlight = new InFlightLimit(this.settings.concurrency);
    const projects = new ProjectSlots(this.settings.projectConcurrency);
    const skipped = new AckCoalescer();
    try {
      // Stopping ends the iteration only after the messages already received: those are handed
      // back at once rather than left to wait out the ack wait, so the next registry (or another
      // replica) delivers them without delay.
      for await (const message of messages) {
        // The type header spares decoding the many events that are not terminal.
        const type = message.headers?.get(EVENT_TYPE_HEADER) ?? '';
        if (type !== '' && !TERMINAL_TYPES.has(type)) skipped.ack(message);
        else if (signal.aborted) message.nak();
        else await inFlight.start(() => this.deliver(message, projects));
      }
    } finally {
      skipped.flush();
      signal.removeEventListener('abort', stop);
      messages.stop();
      // Requests in flight finish (bounded by their timeout) and record their outcome first.
      await inFlight.drain();
    }
  }

  private async deliver(message: JsMsg, projects: ProjectSlots): Promise<void> {
    let event: TerminalEvent;
    try {
      const decoded = decodeEvent(message).event;
      if (!TERMINAL_TYPES.has(decoded.type)) return message.ack();
      event = decoded as TerminalEvent;
    } catch (error) {
      this.logger.error(`dropping undecodable event at sequence ${message.seq}: ${String(error)}`);
      return message.term();
    }
    let leave: (() => void) | null = null;
    try {
      message.working();
      // Most jobs have no webhook: those are settled here, without taking a project's slot.
      if (!(await this.deliverer.hasWebhook(event))) return message.ack();
      leave = projects.tryEnter(event.metadata.projectId);
      if (leave === null) return message.nak(PROJECT_BUSY_RETRY_MS);
      const delayMs = await this.deliverer.handle(event);
      if (delayMs === null) message.ack();
      else message.nak(delayMs);
    } catch (error) {
      this.logger.error(`webhook for job ${event.metadata.jobId} failed: ${error instanceof Error ? error.message : String(error)}`);
      message.nak(FAILURE_RETRY_MS);
    } finally {
      leave?.();
    }
  }
}
