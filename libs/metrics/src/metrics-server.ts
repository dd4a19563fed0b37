import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface MetricsServerOptions {
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly host?: string;
  readonly registry: Registry;
  /** Resolves when the service can do its work; rejects with the reason when it cannot. */
  readonly ready: () => Promise<void>;
  /** How long a readiness check may take before it counts as not ready. */
  readonly readyTimeoutMs?: number;
}

export interface MetricsServer {
  /** Where it listens, e.g. `http://127.0.0.1:9464`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A small HTTP server for services that have no HTTP API of their own (workers, job-registry):
 * `/metrics` in Prometheus text format, `/healthz` (the process answers) and `/readyz` (it can
 * do its work). Liveness checks nothing else on purpose: a broker outage must make a service
 * not ready, never get it restarted.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    void answer(request, response, options).catch((error: unknown) => send(response, 500, { status: 'error', reason: String(error) }));
  });
  server.listen(options.port, options.host ?? '0.0.0.0');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const host = options.host === undefined || options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(request: IncomingMessage, response: ServerResponse, options: MetricsServerOptions): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, { status: 'error', reason: 'only GET' });
  if (path === '/metrics') {
    const text = await options.registry.metrics();
    response.writeHead(200, { 'content-type': options.registry.contentType });
    response.end(text);
    return;
  }
  if (path === '/healthz') return send(response, 200, { status: 'ok' });
  if (path === '/readyz') {
    const reason = await notReadyReason(options);
    if (reason === null) return send(response, 200, { status: 'ok' });
    response.setHeader('retry-after', '5');
    return send(response, 503, { status: 'unavailable', reason });
  }
  send(response, 404, { status: 'error', reason: 'not found: /metrics, /healthz and /readyz are served' });
}

async function notReadyReason({ ready, readyTimeoutMs = 2_000 }: MetricsServerOptions): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`readiness check took longer than ${readyTimeoutMs} ms`), readyTimeoutMs);
  });
  try {
    return await Promise.race([ready().then(() => null, (error: unknown) => (error instanceof Error ? error.message : String(error))), expired]);
  } finally {
    clearTimeout(timer);
  }
}

function send(response: ServerResponse, status: number, body: object): void {
  if (response.headersSent) return void response.end();
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
