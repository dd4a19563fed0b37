import type { EventStore } from '@jetjobs/event-store';
import { EVENT_TYPE_HEADER } from '@jetjobs/event-store';

/**
 * One follower per worker process, not one per running job: an ordered consumer over the kind's
 * job subjects that delivers headers only, so each event costs a header lookup, and a
 * `JobCancelRequested` reaches the attempt registered for that job.
 */
export class CancellationHub {
  private readonly listeners = new Map<string, () => void>();
  private readonly controller = new AbortController();
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly kind: string,
    private readonly onError?: (error: unknown) => void,
  ) {}

  start(): void {
    this.running = this.follow();
  }

  /** Calls `onCancel` when the job's cancellation is requested; returns how to stop listening. */
  watch(jobId: string, onCancel: () => void): () => void {
    this.listeners.set(jobId, onCancel);
    return () => this.listeners.delete(jobId);
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
  }

  private async follow(): Promise<void> {
    const subject = this.store.names.jobSubjectsOfKind(this.kind);
    while (!this.controller.signal.aborted) {
      try {
        for await (const message of this.store.replayMessages({ subject, follow: true, headersOnly: true, signal: this.controller.signal })) {
          if (message.headers?.get(EVENT_TYPE_HEADER) !== 'JobCancelRequested') continue;
          this.listeners.get(message.subject.slice(message.subject.lastIndexOf('.') + 1))?.();
        }
      } catch (error) {
        // A lost server ends the follower; start again. Meanwhile a running attempt still learns
        // of a cancel at its next report, whose append conflicts and reloads the job.
        if (!this.controller.signal.aborted) this.onError?.(error);
      }
      if (!this.controller.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
