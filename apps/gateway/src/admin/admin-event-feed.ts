import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { EventStore, queryEvents, type EventQuery } from '@jetjobs/event-store';
import { SseWriter } from '../job-events/sse-writer';
import { toAdminEventJson } from './admin-event-json';

const logger = new Logger('AdminEvents');
const skipInvalid = (seq: number, error: unknown) =>
  logger.warn(`Skipping the undecodable message at sequence ${seq}: ${error instanceof Error ? error.message : String(error)}`);

/** One page of events and where the next one starts (null: nothing more was stored yet). */
export async function readEventPage(store: EventStore, query: EventQuery, limit: number) {
  const items: ReturnType<typeof toAdminEventJson>[] = [];
  let next: number | null = null;
  // One event more than the page tells whether another page follows; leaving the loop deletes
  // the ordered consumer at once.
  for await (const stored of queryEvents(store, { ...query, follow: false, onInvalid: skipInvalid })) {
    if (items.length === limit) {
      next = stored.seq;
      break;
    }
    items.push(toAdminEventJson(stored));
  }
  return { items, next_from_seq: next };
}

/**
 * Streams events as SSE until the client leaves or the gateway stops (`stop`). The SSE id is the
 * stream sequence, so a client that reconnects with Last-Event-ID continues after it.
 */
export async function streamEvents(store: EventStore, query: EventQuery, response: Response, keepaliveMs: number, stop: AbortSignal) {
  const writer = new SseWriter(response);
  const done = new AbortController();
  const abort = () => done.abort();
  writer.onClose(abort);
  stop.addEventListener('abort', abort, { once: true });
  writer.open(keepaliveMs);
  try {
    for await (const stored of queryEvents(store, { ...query, follow: true, signal: done.signal, onInvalid: skipInvalid })) {
      writer.event(stored.seq, stored.event.type, toAdminEventJson(stored));
    }
  } catch (error) {
    if (!done.signal.aborted) logger.warn(`Ending an admin event stream: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    stop.removeEventListener('abort', abort);
    writer.end();
  }
}
