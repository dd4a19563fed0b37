import type { JobView } from '@jetjobs/contracts';

/** A job that has no events yet. */
export interface AbsentJob {
  readonly status: 'absent';
  readonly version: 0;
}

/** The folded state of a job: nothing yet, or the view every reader shares. */
export type JobState = AbsentJob | JobView;

export const initialJobState = (): JobState => ({ status: 'absent', version: 0 });

export function isAbsent(state: JobState): state is AbsentJob {
  return state.status === 'absent';
}
