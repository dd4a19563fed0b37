import { Counter, Gauge } from 'prom-client';
import type { Registry } from '@jetjobs/metrics';
import type { JobContext, JobHandler, ProgressExtra } from './job-context';
import type { WorkItemOutcome } from './process-work-item';

/**
 * What a worker process measures itself: how many of its slots run a handler now, what each
 * delivery turned out to be, and the frames its media handlers get through (their rate is the
 * throughput of a media kind). Job outcomes are counted from events by job-registry instead,
 * once per job however many workers took part.
 */
export class WorkerMetrics {
  private readonly busy: Gauge<'kind'>;
  private readonly deliveries: Counter<'kind' | 'action'>;
  private readonly frames: Counter<'kind'>;

  constructor(
    readonly registry: Registry,
    private readonly kind: string,
  ) {
    const registers = [registry];
    this.busy = new Gauge({ name: 'jetjobs_worker_busy', help: 'Handlers running now in this worker process', labelNames: ['kind'], registers });
    this.deliveries = new Counter({ name: 'jetjobs_worker_deliveries_total', help: 'Work item deliveries handled, by what they turned out to be (ran, skipped, recovered, invalid)', labelNames: ['kind', 'action'], registers });
    this.frames = new Counter({ name: 'jetjobs_worker_frames_total', help: 'Video frames processed, as reported in progress (rate() is frames per second)', labelNames: ['kind'], registers });
    // Present from the start, so a dashboard shows 0 rather than no data.
    this.busy.set({ kind }, 0);
    this.frames.inc({ kind }, 0);
  }

  countOutcome(outcome: WorkItemOutcome): void {
    this.deliveries.inc({ kind: this.kind, action: outcome.action });
  }

  /** The handler, counted busy while it runs, its reported frames counted as they advance. */
  instrument(handler: JobHandler): JobHandler {
    return async (context) => {
      this.busy.inc({ kind: this.kind });
      try {
        return await handler(this.countingFrames(context));
      } finally {
        this.busy.dec({ kind: this.kind });
      }
    };
  }

  private countingFrames(context: JobContext): JobContext {
    let counted = 0;
    const progress = (percent: number, detail?: string, extra?: ProgressExtra) => {
      const done = extra?.framesCompleted ?? 0;
      if (done > counted) {
        this.frames.inc({ kind: this.kind }, done - counted);
        counted = done;
      }
      return context.progress(percent, detail, extra);
    };
    return { ...context, progress };
  }
}
