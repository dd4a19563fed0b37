import { Logger } from '@nestjs/common';
import { isTerminal, type JobEvent, type JobEventType, type JobView } from '@jetjobs/contracts';
import type { LiveEventListener } from '../live-events/live-event-hub';
import { sseEventFrame } from './sse-event-json';
import type { SseWriter } from './sse-writer';

/** Where a stream reads what the live hub did not deliver. */
export interface JobEventSource {
  /** The job and its events after a version (job-registry, which also checks the project). */
  eventsAfter(afterVersion: number): Promise<{ readonly job: JobView; readonly events: readonly JobEvent[] }>;
  /** The newest event stored for the job, read from the stream itself. */
  latest(job: JobView): Promise<JobEvent | null>;
}

/** What the stream writes to: the SSE response. */
export type EventSink = Pick<SseWriter, 'open' | 'framed' | 'onClose' | 'end'>;

/** Registers a listener for the job's live events and returns how to remove it. */
export type LiveSubscribe = (listener: LiveEventListener) => () => void;

export type EventsSnapshot = Awaited<ReturnType<JobEventSource['eventsAfter']>>;

const TERMINAL_EVENTS: readonly JobEventType[] = ['JobCompleted', 'JobFailed', 'JobCancelled'];
/** A read model may trail the stream by a little: ask again a few times before giving up on a gap. */
const GAP_FILL_ATTEMPTS = 6;
const GAP_FILL_FIRST_DELAY_MS = 25;
const logger = new Logger('JobEventStream');

/**
 * One SSE connection: history from the registry, then live events from the hub, each version
 * written once and in order. Live events are buffered from before the history is read, so nothing
 * falls between the two; a version that skips ahead is preceded by the missing ones. When a gap
 * cannot be filled the stream ends, and the client resumes with Last-Event-ID.
 */
export class JobEventStream {
  private last: number;
  private buffered: JobEvent[] | null = [];
  private queue: Promise<void> = Promise.resolve();
  private unsubscribe: () => void = () => undefined;
  private finished = false;

  constructor(
    private readonly writer: EventSink,
    private readonly source: JobEventSource,
    afterVersion: number,
  ) {
    this.last = afterVersion;
  }

  /** Starts buffering the job's live events; call before reading the history. */
  listen(subscribe: LiveSubscribe): void {
    this.unsubscribe = subscribe((event) => this.onLive(event));
    this.writer.onClose(() => this.finish());
  }

  /** Opens the SSE response and writes history, then buffered and live events. */
  async start(snapshot: EventsSnapshot, keepaliveMs: number): Promise<void> {
    if (this.finished) return;
    this.writer.open(keepaliveMs);
    for (const event of snapshot.events) this.writeInOrder(event);
    const { job } = snapshot;
    if (isTerminal(job.status) && this.last >= job.version) return this.finish();
    // Should the registry answer from a read model that trails the stream, events stored before we
    // subscribed would be in neither the history nor the hub: the stream's newest event reveals
    // them, and the gap fill fetches them.
    const newest = await this.source.latest(job).catch(() => null);
    const pending = [...(this.buffered ?? []), ...(newest ? [newest] : [])];
    this.buffered = null;
    pending.sort((a, b) => a.metadata.version - b.metadata.version).forEach((event) => this.enqueue(event));
    await this.queue;
  }

  /** Stops listening and ends the response; safe to call more than once. */
  finish(): void {
    if (this.finished) return;
    this.abandon();
    this.writer.end();
  }

  /** Stops listening but leaves the response alone, for an error to be answered instead. */
  abandon(): void {
    this.finished = true;
    this.unsubscribe();
  }

  private onLive(event: JobEvent): void {
    if (this.buffered) this.buffered.push(event);
    else this.enqueue(event);
  }

  /** One event at a time, so a gap being filled holds back the events behind it. */
  private enqueue(event: JobEvent): void {
    this.queue = this.queue
      .then(() => this.deliver(event))
      .catch((error: unknown) => {
        logger.warn(`Ending the event stream after version ${this.last}: ${error instanceof Error ? error.message : String(error)}`);
        this.finish();
      });
  }

  private async deliver(event: JobEvent): Promise<void> {
    const version = event.metadata.version;
    if (this.finished || version <= this.last) return;
    if (version > this.last + 1) await this.fillGap(version);
    if (this.finished || version <= this.last) return;
    this.writeInOrder(event);
    if (TERMINAL_EVENTS.includes(event.type)) this.finish();
  }

  private async fillGap(version: number): Promise<void> {
    for (let attempt = 0; this.last < version - 1; attempt++) {
      if (this.finished) return;
      if (attempt === GAP_FILL_ATTEMPTS) throw new Error(`versions ${this.last + 1} to ${version - 1} are not available yet`);
      if (attempt > 0) await sleep(GAP_FILL_FIRST_DELAY_MS * 2 ** (attempt - 1));
      const { events } = await this.source.eventsAfter(this.last);
      for (const missing of events) if (missing.metadata.version < version) this.writeInOrder(missing);
    }
  }

  /** Writes the next version only: older ones were sent, newer ones would leave a hole. */
  private writeInOrder(event: JobEvent): void {
    const version = event.metadata.version;
    if (this.finished || version !== this.last + 1) return;
    this.writer.framed(sseEventFrame(event));
    this.last = version;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
