import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { CodedError, type Actor, type JobEvent, type JobView, type RegistryReplies, type SubmitJobPayload } from '@jetjobs/contracts';
import { decodeEvent, EventStore, storedVersion } from '@jetjobs/event-store';
import { evolve } from '@jetjobs/job-domain';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { RegistryClient } from '../registry/registry-client';
import { LiveEventHub } from './live-event-hub';

/** Encoded size of the views kept, all jobs together: inputs and results are the client's and may be large. */
const MAX_BYTES = 64 * 1024 * 1024;
/** Events that make a view grow by their data: the rest change a few fields in place. */
const GROWING_EVENTS: ReadonlySet<string> = new Set(['JobCompleted', 'JobOutputAdded', 'JobLogged']);

interface Kept {
  readonly view: JobView;
  /** Its size as JSON, estimated when kept and grown by the events that add data. */
  readonly bytes: number;
}

/** Events that arrived while the registry was being asked for the job. */
interface PendingRead {
  readonly events: JobEvent[];
  readers: number;
}

/**
 * The current view of one job, for status reads. Every event of the stream already passes
 * through this gateway's LiveEventHub, so a job read once from the registry is kept in memory
 * and moved forward by those events: a client polling its job costs no registry request, and
 * sees each change as soon as this gateway's SSE clients do. A kept view is only ever advanced
 * by the next version; a gap (or a broken feed) drops it, and the next read asks the registry.
 * Views are kept least-recently-read first out (`lru-cache`), up to JETJOBS_GATEWAY_JOB_CACHE jobs
 * and 64 MiB; only a read, a keep and an event count as a use, never a look (`peek`).
 */
@Injectable()
export class JobViews implements OnModuleInit, OnModuleDestroy {
  private readonly views: LRUCache<string, Kept>;
  private readonly pending = new Map<string, PendingRead>();
  private readonly capacity: number;
  private stopObserving: () => void = () => undefined;

  constructor(
    private readonly hub: LiveEventHub,
    @Inject(EventStore) private readonly events: EventStore,
    private readonly registry: RegistryClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly metrics: GatewayMetrics,
  ) {
    this.capacity = config.JETJOBS_GATEWAY_JOB_CACHE;
    // A view larger than the whole budget is not kept (lru-cache refuses an entry above maxSize).
    this.views = new LRUCache({ max: this.capacity, maxSize: MAX_BYTES, sizeCalculation: (kept) => Math.max(1, kept.bytes) });
  }

  onModuleInit(): void {
    this.stopObserving = this.hub.observe({ event: (event) => this.advance(event), reset: () => this.clear() });
  }

  onModuleDestroy(): void {
    this.stopObserving();
  }

  /** The caller's job; a job of another project is as unknown as a missing one. */
  async get(actor: Actor, jobId: string): Promise<JobView> {
    const kept = this.views.peek(jobId);
    if (kept === undefined) return this.read(actor, jobId);
    if (kept.view.projectId !== actor.projectId) throw new CodedError('job_not_found', `No job with id ${jobId}`);
    return (await this.current(kept)) ?? this.read(actor, jobId);
  }

  /**
   * Submits through the registry with an id drawn here, so the events of the new job that arrive
   * before the answer are caught: the job is kept from its first event, and the client's first
   * status read needs no registry request either.
   */
  async submit(payload: Omit<SubmitJobPayload, 'jobId'>): Promise<RegistryReplies['submit']> {
    const jobId = randomUUID();
    return this.whileReading(jobId, async (events) => {
      const reply = await this.registry.send('submit', { ...payload, jobId });
      if (reply.created) this.metrics.countSubmitted(payload.kind);
      const current = reply.created && reply.job.id === jobId ? caughtUp(reply.job, events) : null;
      if (current !== null) this.keep(current);
      return reply;
    });
  }

  /**
   * A view the registry just answered to a command sent through this gateway: a kept older view
   * is replaced, so the caller reads its own write at once.
   */
  update(view: JobView): void {
    const kept = this.views.peek(view.id);
    if (kept !== undefined && kept.view.version < view.version) this.keep(view);
  }

  /** Views kept, and their estimated size (for tests and metrics). */
  get kept(): { readonly jobs: number; readonly bytes: number } {
    return { jobs: this.views.size, bytes: this.views.calculatedSize };
  }

  /**
   * The kept view checked against the job's newest stored event, so that a read reflects every
   * event stored before it began (a client told of a change by a webhook must not read the old
   * state): the live feed may trail the stream by a moment. One direct read of the job's last
   * message; its `Nats-Msg-Id` carries the version, so a current view costs no decoding. A view
   * one event behind takes that event; null when it is further behind.
   */
  private async current(kept: Kept): Promise<JobView | null> {
    const { view } = kept;
    const { jsm, names } = this.events;
    const last = await jsm.streams.getMessage(names.jobsStream, { last_by_subj: names.jobSubject(view.kind, view.id) });
    if (last === null) return view;
    if (storedVersion(last) <= view.version) {
      this.put(view.id, kept);
      return view;
    }
    const { event } = decodeEvent(last);
    if (event.metadata.version !== view.version + 1) return null;
    this.advance(event);
    return this.views.peek(view.id)?.view ?? (evolve(view, event) as JobView);
  }

  private read(actor: Actor, jobId: string): Promise<JobView> {
    return this.whileReading(jobId, async (events) => {
      const view = await this.registry.send('job', { actor, jobId });
      const current = caughtUp(view, events);
      if (current !== null) this.keep(current);
      return current ?? view;
    });
  }

  /** Runs `ask` with the job's events collected from now until it settles. */
  private async whileReading<T>(jobId: string, ask: (events: readonly JobEvent[]) => Promise<T>): Promise<T> {
    const pending = this.pending.get(jobId) ?? { events: [], readers: 0 };
    this.pending.set(jobId, pending);
    pending.readers += 1;
    try {
      return await ask(pending.events);
    } finally {
      pending.readers -= 1;
      if (pending.readers === 0) this.pending.delete(jobId);
    }
  }

  /** Keeps a view unless a newer one is kept already. */
  private keep(view: JobView): void {
    if (this.capacity === 0) return;
    const kept = this.views.peek(view.id);
    if (kept !== undefined && kept.view.version >= view.version) return;
    this.put(view.id, { view, bytes: JSON.stringify(view).length });
  }

  private advance(event: JobEvent): void {
    const { jobId, version } = event.metadata;
    this.pending.get(jobId)?.events.push(event);
    const kept = this.views.peek(jobId);
    if (kept === undefined || version <= kept.view.version) return;
    if (version !== kept.view.version + 1) return this.drop(jobId);
    const grown = GROWING_EVENTS.has(event.type) ? JSON.stringify(event.data).length : 0;
    this.put(jobId, { view: evolve(kept.view, event) as JobView, bytes: kept.bytes + grown });
  }

  /** Puts the view last in line (most recently used); the cache makes room. */
  private put(jobId: string, kept: Kept): void {
    this.views.set(jobId, kept);
  }

  private drop(jobId: string): void {
    this.views.delete(jobId);
  }

  private clear(): void {
    this.views.clear();
  }
}

/**
 * The registry's view moved forward by the events that arrived while it was asked. Events the
 * view already holds are skipped (the feed may lag behind the registry's read). Null when they
 * leave a gap, which the feed's order rules out: the view is then not kept.
 */
function caughtUp(view: JobView, events: readonly JobEvent[]): JobView | null {
  let current = view;
  for (const event of events) {
    const { version } = event.metadata;
    if (version <= current.version) continue;
    if (version !== current.version + 1) return null;
    current = evolve(current, event) as JobView;
  }
  return current;
}

