import type { StoredEvent } from '@jetjobs/contracts';
import { decodeEvent, type EventStore } from '@jetjobs/event-store';

/** At most this many events are read to close one gap; a longer gap closes over several batches. */
const MAX_GAP_READ = 100;

/**
 * Reads stream sequences `from`..`to` from the stream leader (STREAM.MSG.GET, never a possibly
 * stale direct get), stopping at the first that cannot be read: aged out, or not decodable.
 *
 * Why: projector replicas share one consumer, so with two of them each batch can hold every
 * other event. A replica that waits for another's events to be redelivered moves about one event
 * per redelivery delay (seen on a cluster: 60 events took a minute after a node failure). Reading
 * the gap itself keeps the projection in stream order without waiting; the other replica's
 * copies then fall at or below the checkpoint and are acknowledged as already applied.
 */
export async function readMissingEvents(store: EventStore, from: number, to: number): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let seq = from; seq <= Math.min(to, from + MAX_GAP_READ - 1); seq++) {
    const message = await store.jsm.streams.getMessage(store.names.jobsStream, { seq }).catch(() => null);
    if (message === null) break;
    try {
      events.push(decodeEvent(message));
    } catch {
      break;
    }
  }
  return events;
}
