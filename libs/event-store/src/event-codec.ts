import { headers, type MsgHdrs } from '@nats-io/transport-node';
import type { JsMsg, StoredMsg } from '@nats-io/jetstream';
import { parseJobEvent, type JobEvent, type StoredEvent } from '@jetjobs/contracts';

/** Header carrying the event type, so tools can filter without decoding the body. */
export const EVENT_TYPE_HEADER = 'Jetjobs-Event-Type';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeEvent(event: JobEvent): { data: Uint8Array; headers: MsgHdrs } {
  const h = headers();
  h.set(EVENT_TYPE_HEADER, event.type);
  return { data: encoder.encode(JSON.stringify(event)), headers: h };
}

/** Decodes and validates a stored event: nothing unchecked crosses this boundary. */
export function decodeEvent(msg: Pick<JsMsg | StoredMsg, 'data' | 'seq'>): StoredEvent {
  return { seq: msg.seq, event: parseJobEvent(JSON.parse(decoder.decode(msg.data))) };
}

export function msgIdFor(jobId: string, version: number): string {
  return `${jobId}:${version}`;
}

/**
 * A stored event's version read from the `Nats-Msg-Id` header its append set (see `msgIdFor`),
 * without decoding the body; from the body when the header is missing.
 */
export function storedVersion(message: StoredMsg): number {
  const fromId = Number(message.header.get('Nats-Msg-Id').split(':').pop());
  return Number.isInteger(fromId) && fromId > 0 ? fromId : decodeEvent(message).event.metadata.version;
}
