import { headers, type MsgHdrs } from '@nats-io/transport-node';
import type { JsMsg, StoredMsg } from '@nats-io/jetstream';
import { EVENT_MAX_JSON_DEPTH, jsonNestingDepth, parseJobEvent, type JobEvent, type StoredEvent } from '@jetjobs/contracts';

/** Header carrying the event type, so tools can filter without decoding the body. */
export const EVENT_TYPE_HEADER = 'Jetjobs-Event-Type';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeEvent(event: JobEvent): { data: Uint8Array; headers: MsgHdrs } {
  const h = headers();
  h.set(EVENT_TYPE_HEADER, event.type);
  const data = encoder.encode(JSON.stringify(event));
  if (jsonNestingDepth(data, EVENT_MAX_JSON_DEPTH) > EVENT_MAX_JSON_DEPTH) throw new EventTooDeepError(event.type);
  return { data, headers: h };
}

/**
 * An event nested too deeply to be stored by the read model (see EVENT_MAX_JSON_DEPTH): refused
 * before it reaches the stream, where it would stall the projector. Waiting does not change it.
 */
export class EventTooDeepError extends Error {
  override readonly name = 'EventTooDeepError';
  readonly code = 'output_too_deep';

  constructor(readonly eventType: string) {
    super(`The job's ${eventType === 'JobCompleted' ? 'result' : 'output'} is nested more than ${EVENT_MAX_JSON_DEPTH} levels deep, more than the platform stores: flatten it`);
  }
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
