import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CodedError, type Actor, type JobEvent, type JobView, type RegistryReplies, type SubmitJobPayload } from '@jetjobs/contracts';
import { evolve } from '@jetjobs/job-domain';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { RegistryClient } from '../registry/registry-client';
import { LiveEventHub } from './live-event-hub';

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
 * Views are kept least-recently-read first out, up to JETJOBS_GATEWAY_JOB_CACHE jobs.
 */
@Injectable()
export class JobViews implements OnModuleInit, OnModuleDestroy {
  private readonly views = new Map<string, JobView>();
  private readonly pending = new Map<string, PendingRead>();
  private readonly capacity: number;
  private stopObserving: () => void = () => undefined;

  constructor(
    private readonly hub: LiveEventHub,
    private readonly registry: RegistryClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.capacity = config.JETJOBS_GATEWAY_JOB_CACHE;
  }

  onModuleInit(): void {
    this.stopObserving = this.hub.observe({ event: (event) => this.advance(event), reset: () => this.views.clear() });
  }

  onModuleDestroy(): void {
    this.stopObserving();
  }

  /** The caller's job; a job of another project is as unknown as a missing one. */
  async get(actor: Actor, jobId: string): Promise<JobView> {
    const kept = this.views.get(jobId);
    if (kept === undefined) return this.read(actor, jobId);
    if (kept.projectId !== actor.projectId) throw new CodedError('job_not_found', `No job with id ${jobId}`);
    this.views.delete(jobId);
    this.views.set(jobId, kept);
    return kept;
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
    const kept = this.views.get(view.id);
    if (kept !== undefined && kept.version < view.version) this.views.set(view.id, view);
  }

  /** Number of views kept (for tests and metrics). */
  get size(): number {
    return this.views.size;
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

  private keep(view: JobView): void {
    if (this.capacity === 0) return;
    const kept = this.views.get(view.id);
    if (kept !== undefined && kept.version >= view.version) return;
    this.views.delete(view.id);
    this.views.set(view.id, view);
    if (this.views.size > this.capacity) this.views.delete(this.views.keys().next().value as string);
  }

  private advance(event: JobEvent): void {
    const { jobId, version } = event.metadata;
    this.pending.get(jobId)?.events.push(event);
    const kept = this.views.get(jobId);
    if (kept === undefined || version <= kept.version) return;
    if (version === kept.version + 1) this.views.set(jobId, evolve(kept, event) as JobView);
    else this.views.delete(jobId);
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
