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
