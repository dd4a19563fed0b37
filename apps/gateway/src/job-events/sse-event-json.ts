import type { JobEvent } from '@jetjobs/contracts';
import { opaqueWorkerId } from './opaque-worker-id';

/**
 * An event as an SSE message body. The data's own keys follow the API's snake_case; values that
 * belong to the client (input, result, outputs) are passed through untouched. A worker's id names
 * its host, so tenants get an opaque one; operators (`revealWorker`) the real one.
 */
export function toSseEventJson(event: JobEvent, { revealWorker = false } = {}) {
  const data = event.type === 'JobStarted' && !revealWorker ? { ...event.data, workerId: opaqueWorkerId(event.data.workerId) } : event.data;
  return {
    job_id: event.metadata.jobId,
    type: event.type,
    version: event.metadata.version,
    occurred_at: event.metadata.occurredAt,
    data: Object.fromEntries(Object.entries(data).map(([key, value]) => [snakeCase(key), value])),
  };
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

const frames = new WeakMap<JobEvent, Buffer>();

/**
 * The whole native SSE message for an event (`id:` its version, `event:` its type, `data:` its
 * JSON), encoded once: the live hub hands the same event object to every connection following the
 * job, so a hundred followers cost one serialisation and no per-connection encoding.
 */
export function sseEventFrame(event: JobEvent): Buffer {
  let frame = frames.get(event);
  if (frame === undefined) {
    const text = `id: ${event.metadata.version}\nevent: ${event.type}\ndata: ${JSON.stringify(toSseEventJson(event))}\n\n`;
    frames.set(event, (frame = Buffer.from(text, 'utf8')));
  }
  return frame;
}
