import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { startEgressProxy, type EgressProxy } from './egress-proxy';

/** A stand-in for an internal service: it counts every request that reaches it. */
let internal: Server;
let port: number;
let hits = 0;

beforeAll(async () => {
  internal = createServer((_request, response) => {
    hits++;
    response.writeHead(200, { 'content-type': 'text/plain' }).end('internal secret');
  });
  await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
  port = (internal.address() as AddressInfo).port;
});

afterAll(async () => {
  internal.closeAllConnections();
  await new Promise((resolve) => internal.close(resolve));
});

async function withProxy(allowlist: string[], run: (proxy: EgressProxy) => Promise<void>): Promise<void> {
  const proxy = await startEgressProxy({ allowlist, idleTimeoutMs: 5_000 });
  try {
    await run(proxy);
  } finally {
    await proxy.close();
  }
}

/** A plain-http request in absolute form, as a client configured with the proxy sends it. */
function viaProxy(proxy: EgressProxy, url: string): Promise<{ status: number; body: string }> {
  const { port: proxyPort } = new URL(proxy.url);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port: Number(proxyPort), path: url, headers: { host: new URL(url).host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('error', reject).end();
  });
}

/** Opens a CONNECT tunnel, sends one HTTP request through it, returns everything read back. */
function throughTunnel(proxy: EgressProxy, target: string): Promise<string> {
  const { port: proxyPort } = new URL(proxy.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(proxyPort), '127.0.0.1');
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.startsWith('HTTP/1.1 200') && text.endsWith('\r\n\r\n') && !text.includes('internal')) {
        socket.write(`GET / HTTP/1.1\r\nhost: ${target}\r\nconnection: close\r\n\r\n`);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
    socket.write(`CONNECT ${target} HTTP/1.1\r\nhost: ${target}\r\n\r\n`);
  });
}

describe('startEgressProxy', () => {
  it('refuses a tunnel to a loopback address without connecting to it', async () => {
    await withProxy([], async (proxy) => {
      const before = hits;
      const answer = await throughTunnel(proxy, `127.0.0.1:${port}`);
      expect(answer).toMatch(/^HTTP\/1\.1 403 Forbidden/);
      expect(answer).toContain('127.0.0.1 is a loopback address');
      expect(hits).toBe(before);
      expect(proxy.refusals).toEqual([expect.stringContaining('loopback')]);
    });
  });

  it('refuses plain-http requests to internal addresses and names, the cloud metadata address included', async () => {
    await withProxy([], async (proxy) => {
      const before = hits;
      expect(await viaProxy(proxy, `http://127.0.0.1:${port}/x`)).toMatchObject({ status: 403, body: expect.stringContaining('loopback') });
      expect(await viaProxy(proxy, `http://localhost:${port}/x`)).toMatchObject({ status: 403, body: expect.stringContaining('loopback') });
      expect(await viaProxy(proxy, 'http://169.254.169.254/latest/meta-data/')).toMatchObject({ status: 403, body: expect.stringContaining('link-local') });
      expect(hits).toBe(before);
    });
  });

  it('lets allowed hosts through, tunnelled or forwarded', async () => {
    await withProxy(['127.0.0.1'], async (proxy) => {
      expect(await viaProxy(proxy, `http://127.0.0.1:${port}/x`)).toEqual({ status: 200, body: 'internal secret' });
      const tunnelled = await throughTunnel(proxy, `127.0.0.1:${port}`);
      expect(tunnelled).toMatch(/^HTTP\/1\.1 200 Connection Established\r\n\r\nHTTP\/1\.1 200 OK/);
      expect(tunnelled).toContain('internal secret');
    });
  });
});
