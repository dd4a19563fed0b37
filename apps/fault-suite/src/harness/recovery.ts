import { readCheckpoint } from '@jetjobs/persistence';
import type { PlatformStack } from './fault-scenario';
import { JOBS_PROJECTION } from './invariants';
import type { AcceptedJob } from './job-load';

const TERMINAL_STATUSES = new Set(['completed', 'failed', 'cancelled']);
const POLL_MS = 250;
// A job whose SSE client is still waiting is asked over HTTP this often anyway.
const SLOW_POLL_MS = 2_000;

export interface Recovery {
  /** Accepted jobs that never reached a terminal state through GET /v1/jobs/:id. */
  readonly unfinished: string[];
  readonly statuses: ReadonlyMap<string, string>;
  readonly caughtUp: boolean;
  /** When every job was terminal and the projection had applied the whole stream. */
  readonly at: number;
}

/**
 * Waits until every accepted job reads as terminal over HTTP and the projector's checkpoint has
 * reached the end of the stream. A job is asked for once its SSE client saw its end, or every two
 * seconds, so a loaded machine is not flooded with polls. Gives up after `timeoutMs` and reports
 * what was left rather than throwing: a lost job is a measured outcome.
 */
export async function waitForRecovery(stack: PlatformStack, jobs: readonly AcceptedJob[], timeoutMs: number): Promise<Recovery> {
  const deadline = Date.now() + timeoutMs;
  const statuses = new Map<string, string>();
  const askedAt = new Map<string, number>();
  const pending = () => jobs.filter((job) => !TERMINAL_STATUSES.has(statuses.get(job.id) ?? ''));
  while (pending().length > 0 && Date.now() < deadline) {
    const due = pending().filter((job) => job.follower.finished || Date.now() - (askedAt.get(job.id) ?? 0) >= SLOW_POLL_MS);
    for (const job of due) {
      askedAt.set(job.id, Date.now());
      const status = await jobStatus(stack, job.id);
      if (status !== null) statuses.set(job.id, status);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const caughtUp = await waitForProjection(stack, deadline);
  return { unfinished: pending().map((job) => job.id), statuses, caughtUp, at: Date.now() };
}

// Asks each gateway in turn, so one replica down does not read as a job unfinished.
let asked = 0;

async function jobStatus(stack: PlatformStack, id: string): Promise<string | null> {
  const baseUrl = stack.baseUrls[asked++ % stack.baseUrls.length];
  const response = await fetch(`${baseUrl}/v1/jobs/${id}`, {
    headers: { authorization: `Bearer ${stack.token}` },
    signal: AbortSignal.timeout(5_000),
  }).catch(() => null);
  if (response?.status !== 200) {
    await response?.body?.cancel();
    return null;
  }
  return ((await response.json()) as { status: string }).status;
}

/** The projector has applied every event the stream holds (which no longer grows). */
async function waitForProjection(stack: PlatformStack, deadline: number): Promise<boolean> {
  const store = await stack.eventStore();
  do {
    const caughtUp = await (async () => {
      const { state } = await store.jsm.streams.info(store.names.jobsStream);
      return (await readCheckpoint(await stack.database(), JOBS_PROJECTION)) >= state.last_seq;
    })().catch(() => false);
    if (caughtUp) return true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  } while (Date.now() < deadline);
  return false;
}
