import { setMaxListeners } from 'node:events';
import type { JobStatus } from '@jetjobs/contracts';
import type { JsonClient } from '../common/http-client';
import type { HttpTally, Outcome } from './http-tally';
import { drawPlan, type JobPlan } from './job-plan';
import type { JobLedger } from './job-ledger';
import type { SoakOptions } from './soak-options';
import { followJob } from './sse-follower';

/** The part of the started stack the load talks to. */
export interface SoakTarget {
  readonly baseUrl: string;
  readonly token: string;
  client(maxSockets: number): JsonClient;
}

/** Submits beyond this many unanswered ones wait: the load stays steady, not a pile-up. */
const MAX_SUBMITS_IN_FLIGHT = 64;

type Answer<T> = { status: number; body: T } | null;

/**
 * The soak's clients, all against one gateway: an open-loop submitter at a steady rate (with
 * cancels sent while their jobs run), pollers on active jobs, SSE followers on fresh jobs and a
 * periodic list. `stopSubmitting` ends the arrivals; `stop` ends everything else.
 */
export class SoakLoad {
  private readonly client: JsonClient;
  private readonly submitting = new AbortController();
  private readonly running = new AbortController();
  private readonly pending = new Set<Promise<void>>();
  private readonly loops: Promise<void>[] = [];
  private openStreams = 0;
  submitsBehind = 0;

  constructor(
    private readonly target: SoakTarget,
    private readonly options: SoakOptions,
    private readonly ledger: JobLedger,
    private readonly tally: HttpTally,
  ) {
    this.client = target.client(MAX_SUBMITS_IN_FLIGHT + options.pollers + 8);
    // Every open SSE request and every pause listens on these signals until it ends.
    setMaxListeners(0, this.submitting.signal, this.running.signal);
  }

  get streamsOpen(): number {
    return this.openStreams;
  }

  start(): void {
    this.loops.push(this.submitLoop(), this.listLoop());
    for (let i = 0; i < this.options.pollers; i++) this.loops.push(this.pollLoop());
    for (let i = 0; i < this.options.sse; i++) this.loops.push(this.followLoop());
  }

  /** Ends the arrivals and waits for the submits and cancels already under way. */
  async stopSubmitting(): Promise<void> {
    this.submitting.abort();
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Ends the pollers and cuts the SSE streams still open. */
  async stop(): Promise<void> {
    await this.stopSubmitting();
    this.running.abort();
    await Promise.all(this.loops);
    this.client.close();
  }

  /** One status read of a job, recorded in the ledger. */
  async refresh(id: string): Promise<void> {
    const answer = await this.call<{ status: JobStatus }>('GET /v1/jobs/:id', 'GET', `/v1/jobs/${id}`);
    if (answer?.status === 200) this.ledger.observe(id, answer.body.status, Date.now());
  }

  private async submitLoop(): Promise<void> {
    const signal = this.submitting.signal;
    const intervalMs = 1000 / this.options.rate;
    let due = performance.now();
    while (!signal.aborted) {
      await sleep(due - performance.now(), signal);
      if (signal.aborted) break;
      due += intervalMs;
      // A machine too busy to keep the schedule drops the arrivals it missed instead of bursting.
      const behind = Math.floor((performance.now() - due) / intervalMs);
      if (behind > 0) {
        this.submitsBehind += behind;
        due += behind * intervalMs;
      }
      if (this.pending.size >= MAX_SUBMITS_IN_FLIGHT) await Promise.race(this.pending);
      if (signal.aborted) break;
      this.track(this.submit(drawPlan(this.options.cancelPercent, this.options.failPercent)));
    }
  }

  private async submit(plan: JobPlan): Promise<void> {
    const answer = await this.call<{ id: string }>('POST /v1/jobs', 'POST', '/v1/jobs', { kind: 'echo', input: plan.input });
    if (answer?.status !== 202) return;
    this.ledger.add(answer.body.id, plan, Date.now());
    if (plan.kind === 'cancel') this.track(this.cancelLater(answer.body.id, plan.cancelAfterMs));
  }

  private async cancelLater(id: string, afterMs: number): Promise<void> {
    await sleep(afterMs);
    // A job that finished before its cancel arrived answers 409 illegal_transition: expected.
    const answer = await this.call<{ status: JobStatus }>('POST /v1/jobs/:id/cancel', 'POST', `/v1/jobs/${id}/cancel`, { reason: 'soak' }, [409]);
    if (answer?.status === 200) this.ledger.observe(id, answer.body.status, Date.now());
  }

  private async pollLoop(): Promise<void> {
    const signal = this.running.signal;
    while (!signal.aborted) {
      const id = this.ledger.nextActive();
      if (id) await this.refresh(id);
      await sleep(this.options.pollMs, signal);
    }
  }

  private async followLoop(): Promise<void> {
    const signal = this.running.signal;
    while (!signal.aborted) {
      const id = this.ledger.takeFresh();
      if (!id) {
        await sleep(50, signal);
        continue;
      }
      this.openStreams += 1;
      const outcome = await followJob(`${this.target.baseUrl}/v1/jobs/${id}/events`, this.target.token, signal);
      this.openStreams -= 1;
      if (outcome.aborted) break;
      const route = 'GET /v1/jobs/:id/events';
      // An SSE connection lasts as long as its job: its duration is not a request latency.
      this.tally.record(route, outcome.status === 0 ? 'network' : outcome.status, null);
      if (outcome.status !== 200) continue;
      if (outcome.outOfOrder > 0) this.tally.record(route, 'sse-out-of-order', null);
      if (outcome.terminal) this.ledger.observe(id, outcome.terminal, Date.now());
      else this.tally.record(route, 'sse-ended-early', null);
    }
  }

  private async listLoop(): Promise<void> {
    const signal = this.submitting.signal;
    const paths = ['/v1/jobs?limit=50', '/v1/jobs?status=queued,processing&limit=50', '/v1/jobs?kind=echo&status=completed&limit=20'];
    for (let turn = 0; !signal.aborted; turn++) {
      await sleep(this.options.listSeconds * 1000, signal);
      if (!signal.aborted) await this.call('GET /v1/jobs', 'GET', paths[turn % paths.length] ?? '/v1/jobs');
    }
  }

  private async call<T>(route: string, method: string, path: string, body?: unknown, expected: readonly number[] = []): Promise<Answer<T>> {
    const started = performance.now();
    let outcome: Outcome = 'network';
    try {
      const answer = await this.client.send<T>(method, path, body);
      outcome = answer.status;
      return answer;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (error instanceof Error && error.message.includes('non-JSON')) outcome = 'non-json';
      else if (code) outcome = `network ${code}`;
      return null;
    } finally {
      this.tally.record(route, outcome, performance.now() - started, expected);
    }
  }

  private track(work: Promise<void>): void {
    const tracked = work.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
