import type { JobEvent } from './events';

/** An event as read back from the JOBS stream, with its stream sequence. */
export interface StoredEvent {
  readonly seq: number;
  readonly event: JobEvent;
}
