import type { Response } from 'express';

/**
 * The AVF status stream's framing: unnamed `data:` events only (no `event:`, no `id:`), which
 * `EventSource.onmessage` receives, plus `: keepalive` comments that clients ignore. Written by
 * hand so that auth and 404 are plain HTTP errors decided before the first byte.
 */
export class DataSseWriter {
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
      'X-Accel-Buffering': 'no',
    });
    this.response.flushHeaders();
    this.response.socket?.setNoDelay(true);
    this.keepalive = setInterval(() => this.write(': keepalive\n\n'), keepaliveMs);
  }

  data(value: unknown): void {
    this.write(`data: ${JSON.stringify(value)}\n\n`);
  }

  onClose(listener: () => void): void {
    this.response.on('close', listener);
  }

  end(): void {
    clearInterval(this.keepalive);
    if (!this.response.writableEnded) this.response.end();
  }

  private write(chunk: string): void {
    if (!this.closed) this.response.write(chunk);
  }
}
