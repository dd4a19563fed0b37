import type { StoredEvent } from '@jetjobs/contracts';
import { decodeEvent, type EventStore } from '@jetjobs/event-store';

/** A run of stream sequences `[fromSeq, toSeq]` and the valid events stored in it. */
export interface EventChunk {
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly events: StoredEvent[];
}

/** Ctrl-C stopped a step between two chunks; what was committed stays. */
export class InterruptedError extends Error {
  constructor() {
    super('interrupted');
    this.name = 'InterruptedError';
  }
}

/**
 * Reads stream sequences `fromSeq..toSeq` through an ordered consumer in chunks of at most `size`
 * messages, contiguous so that every sequence belongs to exactly one chunk. A message that is not
 * a valid event is reported and left out, as the live projector does, so both build the same rows.
 */
export async function* eventChunks(
  store: EventStore,
  range: { readonly fromSeq: number; readonly toSeq: number },
  size: number,
  signal: AbortSignal,
  onInvalid: (seq: number, error: unknown) => void,
): AsyncGenerator<EventChunk> {
  if (range.toSeq < range.fromSeq) return;
  let first = range.fromSeq;
  let events: StoredEvent[] = [];
  let read = 0;
  for await (const message of store.replayMessages({ fromSeq: range.fromSeq, signal })) {
    if (message.seq > range.toSeq) break;
    try {
      events.push(decodeEvent(message));
    } catch (error) {
      onInvalid(message.seq, error);
    }
    const end = message.seq >= range.toSeq || message.info.pending === 0;
    if (++read >= size || end) {
      yield { fromSeq: first, toSeq: message.seq, events };
      first = message.seq + 1;
      events = [];
      read = 0;
    }
    if (end) return;
  }
  if (signal.aborted) throw new InterruptedError();
  if (events.length > 0 || first <= range.toSeq) yield { fromSeq: first, toSeq: range.toSeq, events };
}
