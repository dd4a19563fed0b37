import type { StoredEvent } from '@jetjobs/contracts';
import type { JobState } from '@jetjobs/job-domain';

/** One job folded from its events, as `EventStore.load` and `executeCommand` hand it over. */
export interface LoadedJob {
  readonly state: JobState;
  /** Stream sequence of the last event: the expectation for the next append. */
  readonly lastSeq: number;
  readonly events: readonly StoredEvent[];
}
