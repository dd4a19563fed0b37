import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One webhook request as the client's endpoint saw it. */
export interface WebhookHit {
  readonly jobId: string;
  readonly webhookId: string;
  /** What the endpoint answered. */
  readonly status: number;
}

/**
 * A client's webhook endpoint. It refuses the first request of every `failEvery`-th job with 503,
 * so that retries happen and can be checked to carry the same `webhook-id`.
 */
export class WebhookSink {
  readonly hits: WebhookHit[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly failEvery: number,
  ) {}

  static async start(failEvery = 4): Promise<WebhookSink> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const sink = new WebhookSink(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, failEvery);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => response.writeHead(sink.record(String(request.headers['webhook-id']), Buffer.concat(chunks).toString())).end());
    });
    return sink;
  }

  /** The distinct webhook ids each job's hits carried. */
  idsByJob(): Map<string, Set<string>> {
    const ids = new Map<string, Set<string>>();
    for (const hit of this.hits) ids.set(hit.jobId, (ids.get(hit.jobId) ?? new Set()).add(hit.webhookId));
    return ids;
  }

  /** Jobs the endpoint has accepted a webhook for (answered 2xx). */
  delivered(): Set<string> {
    return new Set(this.hits.filter((hit) => hit.status === 200).map((hit) => hit.jobId));
  }

  /** Requests after the first for the same job: the retries. */
  retries(): number {
    return this.hits.length - this.idsByJob().size;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private record(webhookId: string, body: string): number {
    const jobId = jobIdOf(body);
    const first = !this.hits.some((hit) => hit.jobId === jobId);
    const jobNumber = new Set(this.hits.map((hit) => hit.jobId)).size + (first ? 1 : 0);
    const status = first && jobNumber % this.failEvery === 0 ? 503 : 200;
    this.hits.push({ jobId, webhookId, status });
    return status;
  }
}

/** The body is the job's status object; anything else is recorded under a name that shows it. */
function jobIdOf(body: string): string {
  try {
    return String((JSON.parse(body) as { id?: unknown }).id);
  } catch {
    return `unparseable body: ${body.slice(0, 80)}`;
  }
}
