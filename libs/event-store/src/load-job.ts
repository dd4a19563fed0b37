import type { JetStreamClient } from '@nats-io/jetstream';
import type { Names, StoredEvent } from '@jetjobs/contracts';
import { fold, type JobState } from '@jetjobs/job-domain';
import { readJobEvents } from './read-events';

export interface LoadedJob {
  readonly state: JobState;
  /** Stream sequence of the last event: the expectation for the next append. */
  readonly lastSeq: number;
  readonly events: readonly StoredEvent[];
}

/** Reads one job's events from the stream and folds them: the freshest view there is. */
export async function loadJob(js: JetStreamClient, names: Names, jobId: string): Promise<LoadedJob> {
  const { events, lastSeq } = await readJobEvents(js, names, jobId);
  return { state: fold(events.map((stored) => stored.event)), lastSeq, events };
}
