import type { JobEvent } from '@jetjobs/contracts';

/**
 * An event as an SSE message body. The data's own keys follow the API's snake_case; values that
 * belong to the client (input, result, outputs) are passed through untouched.
 */
export function toSseEventJson(event: JobEvent) {
  return {
    job_id: event.metadata.jobId,
    type: event.type,
    version: event.metadata.version,
    occurred_at: event.metadata.occurredAt,
    data: Object.fromEntries(Object.entries(event.data).map(([key, value]) => [snakeCase(key), value])),
  };
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

const serialized = new WeakMap<JobEvent, string>();

/**
 * `toSseEventJson` as JSON text, made once per event: the live hub hands the same event object to
 * every connection following the job, so a hundred followers cost one serialisation.
 */
export function sseEventText(event: JobEvent): string {
  let text = serialized.get(event);
  if (text === undefined) serialized.set(event, (text = JSON.stringify(toSseEventJson(event))));
  return text;
}
