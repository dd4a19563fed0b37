import type { Response } from 'express';

/** Emitted on an Express response when it becomes an event stream (counted by the HTTP metrics). */
export const SSE_OPENED = 'jetjobs:sse-opened';

/** Tells the HTTP metrics that this response is now an open event stream, until it closes. */
export function markSseOpened(response: Response): void {
  response.emit(SSE_OPENED);
}
