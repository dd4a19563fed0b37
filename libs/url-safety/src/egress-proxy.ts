import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { CodedError } from '@jetjobs/contracts';
import { checkUrl, type CheckedUrl, type UrlCheckOptions } from './check-url';
import { formatIp } from './ip-address';

export interface EgressProxyOptions extends UrlCheckOptions {
  /** A tunnel or request that moves no byte for this long is closed. */
  readonly idleTimeoutMs: number;
}

export interface EgressProxy {
  /** `http://127.0.0.1:<port>`, for a tool's `--proxy`. */
  readonly url: string;
  /** Why each refused connection was refused, in order (for logs and tests). */
  readonly refusals: readonly string[];
  close(): Promise<void>;
}

/**
 * A local HTTP proxy (CONNECT tunnels for https, absolute-form requests for http) that applies the
 * URL checks of `safeFetch` to every connection a tool makes: the host is resolved once, every
 * address must be public or allowed, and the connection goes to a checked address. A tool that
 * fetches by itself (yt-dlp) is run with its proxy set here, so it cannot reach a private network.
 */
export async function startEgressProxy(options: EgressProxyOptions): Promise<EgressProxy> {
  const refusals: string[] = [];
  const sockets = new Set<Socket | Duplex>();
  const refuse = (error: unknown): string => {
    const message = error instanceof CodedError ? error.message : 'the destination could not be reached';
    refusals.push(message);
    return message;
  };
  const server = createServer((request, response) => void forward(request, response, options, refuse));
  server.on('connect', (request: IncomingMessage, client: Duplex, head: Buffer) => void tunnel(request, client, head, options, refuse, sockets));
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refusals,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function tunnel(request: IncomingMessage, client: Duplex, head: Buffer, options: EgressProxyOptions, refuse: (e: unknown) => string, sockets: Set<Socket | Duplex>): Promise<void> {
  client.on('error', () => client.destroy());
  let checked: CheckedUrl;
  try {
    // CONNECT names `host:port`; checked as the https URL it stands for.
    checked = await checkUrl(`https://${request.url ?? ''}/`, options);
  } catch (error) {
    client.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${refuse(error)}\n`);
    return;
  }
  const address = checked.addresses[0];
  if (address === undefined) return void client.destroy();
  const upstream = connect({ host: formatIp(address), port: Number(checked.url.port || 443) });
  sockets.add(upstream);
  const closeBoth = () => {
    upstream.destroy();
    client.destroy();
  };
  let connected = false;
  upstream.setTimeout(options.idleTimeoutMs, closeBoth);
  upstream.once('error', () => (connected ? closeBoth() : client.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\n')));
  upstream.once('close', () => sockets.delete(upstream));
  upstream.once('connect', () => {
    connected = true;
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  client.once('close', () => upstream.destroy());
}

async function forward(request: IncomingMessage, response: ServerResponse, options: EgressProxyOptions, refuse: (e: unknown) => string): Promise<void> {
  let checked: CheckedUrl;
  try {
    checked = await checkUrl(request.url ?? '', options);
    if (checked.url.protocol !== 'http:') throw new CodedError('validation_failed', 'only http:// is proxied in absolute form: use CONNECT for https');
  } catch (error) {
    response.writeHead(403, { 'content-type': 'text/plain', connection: 'close' }).end(`${refuse(error)}\n`);
    request.resume();
    return;
  }
  const address = checked.addresses[0];
  const upstream = httpRequest({
    host: address ? formatIp(address) : checked.hostname,
    port: Number(checked.url.port || 80),
    path: `${checked.url.pathname}${checked.url.search}`,
    method: request.method,
    headers: { ...withoutHopByHop(request.headers), host: checked.url.host },
    agent: false,
    timeout: options.idleTimeoutMs,
  });
  upstream.once('timeout', () => upstream.destroy(new Error('idle')));
  upstream.once('error', () => (response.headersSent ? response.destroy() : response.writeHead(502, { connection: 'close' }).end()));
  upstream.once('response', (answer) => {
    response.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
    answer.pipe(response);
  });
  request.pipe(upstream);
}

const HOP_BY_HOP = new Set(['connection', 'proxy-connection', 'keep-alive', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function withoutHopByHop(headers: IncomingMessage['headers']): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined && !HOP_BY_HOP.has(entry[0])));
}
