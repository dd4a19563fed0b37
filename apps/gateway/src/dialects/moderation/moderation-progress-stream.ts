import { Logger } from '@nestjs/common';
import { isTerminal, type JobEvent, type JobView } from '@jetjobs/contracts';
import { evolve } from '@jetjobs/job-domain';
import type { LiveEventListener } from '../../live-events/live-event-hub';
import { toProgressJson } from '@jetjobs/dialects';
import type { SseWriter } from '../../job-events/sse-writer';

export type ProgressSink = Pick<SseWriter, 'open' | 'named' | 'onClose' | 'end'>;
export type LiveSubscribe = (listener: LiveEventListener) => () => void;

const logger = new Logger('ModerationProgress');

/**
 * One `GET /api/v1/job/:id/progress` connection. It listens to the live hub before the job is
 * read, so nothing falls between the two; then writes `connected` with the current state, and a
 * `progress` event each time a live event changes what the client sees (progress, frames,
 * detail, status). It ends at a terminal status or at progress 100. Should the hub skip versions
 * (its consumer restarted), the job is read again instead of guessing.
 */
export class ModerationProgressStream {
  private state: JobView | null = null;
  private buffered: JobEvent[] | null = [];
  private queue: Promise<void> = Promise.resolve();
  private unsubscribe: () => void = () => undefined;
  private finished = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly reload: () => Promise<JobView>,
  ) {}

  /** Starts buffering the job's live events; call before reading the job. */
  listen(subscribe: LiveSubscribe): void {
    this.unsubscribe = subscribe((event) => this.onLive(event));
    this.sink.onClose(() => this.finish());
  }

  /** Opens the response with `connected`, then follows the buffered and live events. */
  start(job: JobView, keepaliveMs: number): void {
    if (this.finished) return;
    this.sink.open(keepaliveMs);
    this.state = job;
    this.sink.named('connected', toProgressJson(job));
    if (this.isDone(job)) return this.finish();
    const pending = this.buffered ?? [];
    this.buffered = null;
    pending.forEach((event) => this.enqueue(event));
  }

  /** Stops listening and ends the response; safe to call more than once. */
  finish(): void {
    if (this.finished) return;
    this.abandon();
    this.sink.end();
  }

  /** Stops listening but leaves the response alone, for an error to be answered instead. */
  abandon(): void {
    this.finished = true;
    this.buffered = null;
    this.unsubscribe();
  }

  private onLive(event: JobEvent): void {
    if (this.buffered) this.buffered.push(event);
    else this.enqueue(event);
  }

  /** One event at a time, so a reload for a gap holds back the events behind it. */
  private enqueue(event: JobEvent): void {
    this.queue = this.queue
      .then(() => this.apply(event))
      .catch((error: unknown) => {
        logger.warn(`Ending the progress stream of ${event.metadata.jobId}: ${error instanceof Error ? error.message : String(error)}`);
        this.finish();
      });
  }

  private async apply(event: JobEvent): Promise<void> {
    const current = this.state;
    if (this.finished || !current || event.metadata.version <= current.version) return;
    const next = event.metadata.version === current.version + 1 ? (evolve(current, event) as JobView) : await this.reload();
    if (this.finished) return;
    this.state = next;
    const before = JSON.stringify(toProgressJson(current));
    const after = toProgressJson(next);
    if (JSON.stringify(after) !== before) this.sink.named('progress', after);
    if (this.isDone(next)) this.finish();
  }

  private isDone(job: JobView): boolean {
    return isTerminal(job.status) || toProgressJson(job).progress >= 100;
  }
}
