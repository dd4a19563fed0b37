import type { JobEvent } from '@jetjobs/contracts';
import { evolve, initialJobState, isAbsent } from '@jetjobs/job-domain';
import { toJobJson } from '@jetjobs/dialects';
import { toSseEventJson } from '../job-events/sse-event-json';

/**
 * A job's events for the console's timeline, each with the job as it stood right after it (the
 * same fold every reader uses) and the time since the previous event.
 */
export function jobTimeline(events: readonly JobEvent[], { revealWorker }: { revealWorker: boolean }) {
  let state = initialJobState();
  let previous: number | null = null;
  return events.map((event) => {
    state = evolve(state, event);
    const at = Date.parse(event.metadata.occurredAt);
    const gapMs = previous === null ? null : at - previous;
    previous = at;
    return {
      ...toSseEventJson(event, { revealWorker }),
      gap_ms: gapMs,
      state_after: isAbsent(state) ? null : toJobJson(state),
    };
  });
}
