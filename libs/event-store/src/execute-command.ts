import type { StoredEvent } from '@jetjobs/contracts';
import { decide, fold, isAbsent, JobNotFoundError, type JobCommand, type JobState } from '@jetjobs/job-domain';
import type { EventStore } from './event-store';
import { AppendConflictError } from './event-store-errors';

/** What a caller already knows of a job: its state and the sequence of its last event. */
export interface JobSnapshot {
  readonly state: JobState;
  readonly lastSeq: number;
}

export interface CommandTarget {
  readonly jobId: string;
  /** Needed only to create a job; existing jobs take both from their state. */
  readonly kind?: string;
  readonly projectId?: string;
}

export interface CommandContext {
  readonly correlationId: string;
  readonly causationId: string | null;
  /** Attempts at load → decide → append before a conflict is given up. */
  readonly maxConflicts?: number;
  readonly now?: () => Date;
}

export interface CommandResult extends JobSnapshot {
  readonly events: readonly StoredEvent[];
}

/**
 * Load → decide → append, again from a fresh load when another writer got in first. A caller
 * that keeps a snapshot (a worker streaming progress) skips the load until a conflict says its
 * snapshot is stale.
 */
export async function executeCommand(
  store: EventStore,
  target: CommandTarget,
  command: JobCommand,
  context: CommandContext,
  snapshot?: JobSnapshot,
): Promise<CommandResult> {
  const maxConflicts = context.maxConflicts ?? 10;
  let current = snapshot ?? (await store.load(target.jobId));
  let fresh = snapshot === undefined;
  for (let conflicts = 0; ; conflicts++) {
    let bodies;
    try {
      bodies = decide(command, current.state);
    } catch (error) {
      // A caller's snapshot may be stale: only a refusal based on the stored state is final.
      if (fresh) throw error;
      current = await store.load(target.jobId);
      fresh = true;
      bodies = decide(command, current.state);
    }
    if (bodies.length === 0) return { ...current, events: [] };
    const { kind, projectId } = ownerOf(current.state, target);
    try {
      const events = await store.append({
        jobId: target.jobId,
        kind,
        projectId,
        expectedSeq: current.lastSeq,
        expectedVersion: current.state.version,
        events: bodies,
        correlationId: context.correlationId,
        causationId: context.causationId,
        now: context.now,
      });
      const state = fold(events.map((stored) => stored.event), current.state);
      return { state, lastSeq: events.at(-1)?.seq ?? current.lastSeq, events };
    } catch (error) {
      if (!(error instanceof AppendConflictError) || conflicts + 1 >= maxConflicts) throw error;
      current = await store.load(target.jobId);
      fresh = true;
    }
  }
}

function ownerOf(state: JobState, target: CommandTarget): { kind: string; projectId: string } {
  if (!isAbsent(state)) return { kind: state.kind, projectId: state.projectId };
  if (target.kind === undefined || target.projectId === undefined) throw new JobNotFoundError(target.jobId);
  return { kind: target.kind, projectId: target.projectId };
}
