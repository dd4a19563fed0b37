import { Logger } from '@nestjs/common';
import type { JobEvent, JobView } from '@jetjobs/contracts';
import { evolve } from '@jetjobs/job-domain';
import type { LiveEventListener } from '../../live-events/live-event-hub';
import { isFinished, toAvfStatus } from './avf-status';
import type { SseWriter } from '../../job-events/sse-writer';

export interface AvfStreamOptions {
  readonly keepaliveMs: number;
  /** The stream ends after this long even if the job has not (documented: 5 minutes). */
  readonly timeoutMs: number;
  /** The job as job-registry folds it now; used again when live events skip a version. */
  readonly fetchJob: () => Promise<JobView>;
}

const logger = new Logger('AvfStatusStream');

/**
 * One AVF status stream: the full status object as an unnamed `data:` event, again each time it
 * changes, until the job finishes or the timeout passes. The job is kept current by folding its
 * live events with the same `evolve` as everyone else; events that arrive before the snapshot are
 * held and applied after it, and a skipped version is filled by asking the registry again.
 */
export class AvfStatusStream {
  private job: JobView | null = null;
  private held: JobEvent[] = [];
  private queue: Promise<void> = Promise.resolve();
  private lastSent = '';
  private unsubscribe: () => void = () => undefined;
  private timeout: NodeJS.Timeout | undefined;
  private finished = false;

  constructor(
    private readonly writer: SseWriter,
    private readonly options: AvfStreamOptions,
  ) {}

  /** Call before taking the snapshot, so that no event falls between the two. */
  listen(subscribe: (listener: LiveEventListener) => () => void): void {
    this.unsubscribe = subscribe((event) => (this.job ? this.enqueue(event) : this.held.push(event)));
    this.writer.onClose(() => this.finish());
  }

  /** Opens the stream on the snapshot, then applies what arrived meanwhile. */
  start(job: JobView): void {
    if (this.finished) return;
    this.writer.open(this.options.keepaliveMs);
    this.timeout = setTimeout(() => this.finish(), this.options.timeoutMs);
    this.job = job;
    this.send();
    const held = this.held;
    this.held = [];
    held.forEach((event) => this.enqueue(event));
  }

  /** Stops listening and ends the response; safe to call more than once. */
  finish(): void {
    if (this.finished) return;
    this.abandon();
    this.writer.end();
  }

  /** Stops listening but leaves the response alone, for JSON or an error to be answered instead. */
  abandon(): void {
    this.finished = true;
    clearTimeout(this.timeout);
    this.unsubscribe();
  }

  private enqueue(event: JobEvent): void {
    this.queue = this.queue
      .then(() => this.apply(event))
      .catch((error: unknown) => {
        logger.warn(`Ending the AVF status stream of ${event.metadata.jobId}: ${error instanceof Error ? error.message : String(error)}`);
        this.finish();
      });
  }

  private async apply(event: JobEvent): Promise<void> {
    if (this.finished || !this.job) return;
    const version = event.metadata.version;
    if (version > this.job.version + 1) {
      const fresh = await this.options.fetchJob();
      if (fresh.version > this.job.version) this.job = fresh;
    }
    if (version === this.job.version + 1) this.job = evolve(this.job, event) as JobView;
    this.send();
  }

  /** Writes the status object when it differs from the last one sent; ends once it is final. */
  private send(): void {
    if (this.finished || !this.job) return;
    const status = toAvfStatus(this.job);
    const body = JSON.stringify(status);
    if (body !== this.lastSent) {
      this.writer.data(status);
      this.lastSent = body;
    }
    if (isFinished(status.status)) this.finish();
  }
}
