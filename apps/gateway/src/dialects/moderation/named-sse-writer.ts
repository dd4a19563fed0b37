import type { Response } from 'express';
import { SseWriter } from '../../job-events/sse-writer';

/**
 * The gateway's SSE writer (headers, `: keepalive` comments, close handling) with events framed as
 * the moderation API frames them: `event:` and `data:` only. Its events carry the current state
 * rather than a position in a history, so there is no `id:` to resume from.
 */
export class NamedSseWriter extends SseWriter {
  constructor(private readonly target: Response) {
    super(target);
  }

  named(type: string, data: unknown): void {
    if (!this.closed) this.target.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}
