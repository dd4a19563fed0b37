import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver saw it. */
export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

interface Waiter {
  readonly path: string;
  readonly count: number;
  readonly resolve: (received: ReceivedWebhook[]) => void;
}

/**
 * A real HTTP server standing in for a client's webhook endpoint. Each path answers the statuses
 * it was scripted with, in order, then 200; a held path keeps requests open until released.
 */
export class WebhookReceiver {
  private readonly received: ReceivedWebhook[] = [];
  private readonly scripts = new Map<string, number[]>();
  private readonly held = new Map<string, ServerResponse[]>();
  private readonly holding = new Set<string>();
  private waiters: Waiter[] = [];

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(host = '127.0.0.1'): Promise<WebhookReceiver> {
    const server = createServer();
    server.listen(0, host);
    await once(server, 'listening');
    const receiver = new WebhookReceiver(server, `http://${host}:${(server.address() as AddressInfo).port}`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void receiver.handle(request, response));
    return receiver;
  }

  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  /** The statuses a path answers, in order; 200 once they are used up. */
  script(path: string, statuses: number[]): void {
    this.scripts.set(path, [...statuses]);
  }

  /** Requests to the path wait for `release`. */
  hold(path: string): void {
    this.holding.add(path);
  }

  release(path: string, status: number): void {
    this.holding.delete(path);
    for (const response of this.held.get(path)?.splice(0) ?? []) response.writeHead(status).end();
  }

  requests(path?: string): ReceivedWebhook[] {
    return this.received.filter((r) => path === undefined || r.path === path);
  }

  /** Resolves with the path's requests once `count` of them have arrived. */
  waitFor(path: string, count: number, timeoutMs = 20_000): Promise<ReceivedWebhook[]> {
    const arrived = new Promise<ReceivedWebhook[]>((resolve) => {
      this.waiters.push({ path, count, resolve });
      this.settleWaiters();
    });
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${path}: ${this.requests(path).length} of ${count} webhooks arrived in ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([arrived, expired]).finally(() => clearTimeout(timer));
  }

  async close(): Promise<void> {
    for (const path of this.holding) this.release(path, 503);
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = request.url ?? '/';
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    this.received.push({ path, headers, body: Buffer.concat(chunks).toString('utf8') });
    this.settleWaiters();
    if (this.holding.has(path)) {
      this.held.set(path, [...(this.held.get(path) ?? []), response]);
      return;
    }
    response.writeHead(this.scripts.get(path)?.shift() ?? 200).end();
  }

  private settleWaiters(): void {
    this.waiters = this.waiters.filter((waiter) => {
      const matching = this.requests(waiter.path);
      if (matching.length < waiter.count) return true;
      waiter.resolve(matching);
      return false;
    });
  }
}
