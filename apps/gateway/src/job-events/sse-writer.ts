import type { Response } from 'express';
import { markSseOpened } from '../metrics/sse-connection';

/**
 * Server-Sent Events written by hand on the Express response, so that the status and any error
 * are decided before the first byte (Nest's `@Sse()` would open the stream before the handler).
 */
export class SseWriter {
  private keepalive: NodeJS.Timeout | undefined;

  constructor(private readonly response: Response) {}

  get closed(): boolean {
    return this.response.writableEnded || this.response.destroyed;
  }

  open(keepaliveMs: number): void {
    this.response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      // Tells nginx-style proxies not to hold events back in a buffer.
      'X-Accel-Buffering': 'no',
    });
    this.response.flushHeaders();
    markSseOpened(this.response);
    this.response.socket?.setNoDelay(true);
    // A comment line every so often keeps idle proxies and load balancers from closing the stream.
    this.keepalive = setInterval(() => this.write(': keepalive\n\n'), keepaliveMs);
  }

  /** One event, framed with whichever of `id:` and `event:` the API uses. */
  frame(parts: { readonly id?: number; readonly event?: string; readonly data: unknown }): void {
    const id = parts.id === undefined ? '' : `id: ${parts.id}\n`;
    const event = parts.event === undefined ? '' : `event: ${parts.event}\n`;
    this.write(`${id}${event}data: ${JSON.stringify(parts.data)}\n\n`);
  }

  /** A message framed and encoded beforehand (one buffer shared by every follower of an event). */
  framed(message: Buffer): void {
    this.write(message);
  }

  /** The native API: `id:` is the event version, so `Last-Event-ID` resumes. */
  event(id: number, type: string, data: unknown): void {
    this.frame({ id, event: type, data });
  }

  /** The moderation API: named events carrying the current state, nothing to resume from. */
  named(type: string, data: unknown): void {
    this.frame({ event: type, data });
  }

  /** The AVF API: unnamed `data:` events, which `EventSource.onmessage` receives. */
  data(value: unknown): void {
    this.frame({ data: value });
  }

  onClose(listener: () => void): void {
    this.response.on('close', listener);
  }

  end(): void {
    this.stopKeepalive();
    if (!this.response.writableEnded) this.response.end();
  }

  stopKeepalive(): void {
    clearInterval(this.keepalive);
    this.keepalive = undefined;
  }

  private write(chunk: string | Buffer): void {
    if (!this.closed) this.response.write(chunk);
  }
}
