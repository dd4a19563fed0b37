import { openSse } from '@jetjobs/testing';

const TERMINAL = new Set(['JobCompleted', 'JobFailed', 'JobCancelled']);
const RECONNECT_DELAY_MS = 250;

/**
 * An SSE client following one job to its end, as a browser's EventSource would: whenever the
 * stream breaks or ends early (a gateway killed or stopped), it reconnects with `Last-Event-ID`
 * set to the last version it saw. Every version received is kept, so gaps and duplicates show.
 * Given several gateways, each reconnect goes to the next: the other replica resumes the stream.
 */
export class SseFollower {
  readonly versions: number[] = [];
  reconnects = 0;
  finishedAt: number | null = null;
  private readonly done: Promise<void>;

  constructor(
    readonly jobId: string,
    private readonly urls: readonly string[],
    private readonly token: string,
    private readonly signal: AbortSignal,
    /** Which gateway the first connection goes to. */
    private readonly first = 0,
  ) {
    this.done = this.follow();
  }

  get finished(): boolean {
    return this.finishedAt !== null;
  }

  settled(): Promise<void> {
    return this.done;
  }

  private async follow(): Promise<void> {
    for (let connection = 0; !this.signal.aborted; connection++) {
      if (connection > 0) {
        this.reconnects += 1;
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
      }
      if (await this.readOnce(this.urls[(this.first + connection) % this.urls.length] as string).catch(() => false)) {
        this.finishedAt = Date.now();
        return;
      }
    }
  }

  /** One connection; true once the terminal event has arrived. */
  private async readOnce(url: string): Promise<boolean> {
    const last = this.versions.at(-1);
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (last !== undefined) headers['last-event-id'] = String(last);
    const connection = await openSse(`${url}/v1/jobs/${this.jobId}/events`, headers);
    const stop = () => connection.close();
    this.signal.addEventListener('abort', stop, { once: true });
    try {
      if (connection.status !== 200) return false;
      for await (const message of connection.messages) {
        if (message.id !== null) this.versions.push(Number(message.id));
        if (TERMINAL.has(message.event ?? '')) return true;
      }
      return false;
    } finally {
      this.signal.removeEventListener('abort', stop);
      connection.close();
    }
  }
}
