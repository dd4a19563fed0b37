import type { JobEvent } from '@jetjobs/contracts';
import type { EventStore } from '@jetjobs/event-store';

/**
 * Follows one job's events from the start until `predicate` matches one, and returns every event
 * seen up to it. Waits on the stream itself, never on a clock; `timeoutMs` only bounds a failure.
 */
export async function waitForJobEvent(
  store: EventStore,
  jobId: string,
  predicate: (event: JobEvent) => boolean,
  timeoutMs = 20_000,
): Promise<JobEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const seen: JobEvent[] = [];
  try {
    for await (const { event } of store.replay({ subject: store.names.jobSubjectAnyKind(jobId), fromSeq: 1, follow: true, signal: controller.signal })) {
      seen.push(event);
      if (predicate(event)) return seen;
    }
    throw new Error(`Timed out after ${timeoutMs} ms waiting for an event of job ${jobId}; saw ${seen.map((e) => e.type).join(', ') || 'nothing'}`);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** Polls `check` until it returns a value other than undefined (for state outside the stream). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
}

export const isTerminalEvent = (event: JobEvent): boolean =>
  event.type === 'JobCompleted' || event.type === 'JobFailed' || event.type === 'JobCancelled';
