import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ZodError } from 'zod';
import type { JobEvent, StoredEvent } from '@jetjobs/contracts';
import { EventStore } from '@jetjobs/event-store';

export type LiveEventListener = (event: JobEvent) => void;

/** Sees every event of the stream, and `reset` when the feed broke and may have lagged. */
export interface LiveEventObserver {
  event(event: JobEvent): void;
  reset(): void;
}

const RESTART_DELAY_MS = 1_000;

/**
 * One ordered JetStream consumer per gateway process, fanned out in memory to every SSE connection
 * by job id. Events are read through JetStream and never through a core subscription on the job
 * subjects: a publish the stream rejects (stale sequence, duplicate id) still reaches core
 * subscribers, who would see an event that never happened.
 */
@Injectable()
export class LiveEventHub implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LiveEventHub.name);
  private readonly listeners = new Map<string, Set<LiveEventListener>>();
  private readonly observers = new Set<LiveEventObserver>();
  private readonly stop = new AbortController();
  private nextSeq = 1;
  private running: Promise<void> = Promise.resolve();

  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  /**
   * Starts right after the stream's current end, fixed before init returns, so that no event
   * appended once the gateway is up can be missed, however long the consumer takes to start.
   */
  async onModuleInit(): Promise<void> {
    const info = await this.store.jsm.streams.info(this.store.names.jobsStream);
    this.nextSeq = info.state.last_seq + 1;
    this.running = this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
    this.listeners.clear();
  }

  /** Registers a listener for one job's events; call the returned function to remove it. */
  subscribe(jobId: string, listener: LiveEventListener): () => void {
    let set = this.listeners.get(jobId);
    if (!set) this.listeners.set(jobId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(jobId) === set) this.listeners.delete(jobId);
    };
  }

  /** Registers an observer of every event; call the returned function to remove it. */
  observe(observer: LiveEventObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Number of jobs with at least one listener (for tests and metrics). */
  get watchedJobs(): number {
    return this.listeners.size;
  }

  /** Resumes after the last delivered sequence when the consumer fails, until shutdown. */
  private async follow(): Promise<void> {
    while (!this.stop.signal.aborted) {
      try {
        for await (const stored of this.store.replay({ follow: true, fromSeq: this.nextSeq, signal: this.stop.signal })) {
          this.nextSeq = stored.seq + 1;
          this.dispatch(stored);
        }
      } catch (error) {
        if (this.stop.signal.aborted) return;
        this.logger.warn(`Live event consumer failed at sequence ${this.nextSeq}, restarting: ${describe(error)}`);
        for (const observer of this.observers) observer.reset();
        // An event that does not decode would fail every restart: it is the next one, skip it.
        if (error instanceof ZodError || error instanceof SyntaxError) this.nextSeq += 1;
      }
      if (!this.stop.signal.aborted) await delay(RESTART_DELAY_MS, this.stop.signal);
    }
  }

  private dispatch({ event }: StoredEvent): void {
    for (const observer of this.observers) observer.event(event);
    const set = this.listeners.get(event.metadata.jobId);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error(`Live event listener failed: ${describe(error)}`);
      }
    }
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
