import { isTerminal, JOB_STATUSES, type JobStatus } from '@jetjobs/contracts';
import type { JobPlan, PlanKind } from './job-plan';

const MAX_FRESH = 1_000;

interface Entry {
  readonly plan: JobPlan;
  readonly submittedAt: number;
  status: JobStatus;
  terminalAt: number | null;
}

export interface JobTally {
  readonly submitted: number;
  readonly terminal: number;
  readonly notTerminal: number;
  readonly byStatus: Readonly<Record<JobStatus, number>>;
  /** Terminal jobs whose status is not one their plan allows (e.g. an echo job that failed). */
  readonly unexpectedOutcomes: number;
}

export interface JobSummary extends JobTally {
  readonly byPlan: Readonly<Record<PlanKind, { readonly submitted: number; readonly byStatus: Partial<Record<JobStatus, number>> }>>;
  /** Submit to the first terminal status the soak saw, over jobs that ended. */
  readonly endToEndMs: readonly number[];
  /** Up to ten ids of jobs still not terminal, to look them up afterwards. */
  readonly stuckIds: readonly string[];
}

/**
 * Every job the soak submitted and the last status it learned for it, from whichever client saw
 * it first (poller, SSE follower or the final sweep). Active jobs are kept apart so that pollers
 * and the sweep never walk the whole history.
 */
export class JobLedger {
  private readonly jobs = new Map<string, Entry>();
  private readonly active = new Map<string, Entry>();
  private readonly fresh: string[] = [];
  private cursor = 0;

  add(id: string, plan: JobPlan, now: number): void {
    const entry: Entry = { plan, submittedAt: now, status: 'queued', terminalAt: null };
    this.jobs.set(id, entry);
    this.active.set(id, entry);
    this.fresh.push(id);
  }

  observe(id: string, status: JobStatus, now: number): void {
    const entry = this.jobs.get(id);
    if (!entry || entry.terminalAt !== null) return;
    entry.status = status;
    if (isTerminal(status)) {
      entry.terminalAt = now;
      this.active.delete(id);
    }
  }

  /**
   * The newest job not yet handed to an SSE follower, so followers mostly see events live; when
   * they fall behind, the oldest unfollowed jobs are dropped rather than queued without end.
   */
  takeFresh(): string | undefined {
    if (this.fresh.length > MAX_FRESH) this.fresh.splice(0, this.fresh.length - MAX_FRESH);
    return this.fresh.pop();
  }

  /** Active jobs in turn, for pollers. */
  nextActive(): string | undefined {
    const ids = [...this.active.keys()];
    if (ids.length === 0) return undefined;
    this.cursor = (this.cursor + 1) % ids.length;
    return ids[this.cursor];
  }

  activeIds(): string[] {
    return [...this.active.keys()];
  }

  tally(): JobTally {
    const byStatus = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
    let unexpectedOutcomes = 0;
    for (const entry of this.jobs.values()) {
      byStatus[entry.status] += 1;
      if (entry.terminalAt !== null && !entry.plan.expected.includes(entry.status)) unexpectedOutcomes += 1;
    }
    const notTerminal = this.active.size;
    return { submitted: this.jobs.size, terminal: this.jobs.size - notTerminal, notTerminal, byStatus, unexpectedOutcomes };
  }

  summary(): JobSummary {
    const byPlan = { echo: { submitted: 0, byStatus: {} }, cancel: { submitted: 0, byStatus: {} }, fail: { submitted: 0, byStatus: {} } } as Record<PlanKind, { submitted: number; byStatus: Partial<Record<JobStatus, number>> }>;
    const endToEndMs: number[] = [];
    for (const entry of this.jobs.values()) {
      const plan = byPlan[entry.plan.kind];
      plan.submitted += 1;
      plan.byStatus[entry.status] = (plan.byStatus[entry.status] ?? 0) + 1;
      if (entry.terminalAt !== null) endToEndMs.push(entry.terminalAt - entry.submittedAt);
    }
    return { ...this.tally(), byPlan, endToEndMs, stuckIds: this.activeIds().slice(0, 10) };
  }
}
