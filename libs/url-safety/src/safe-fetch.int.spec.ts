import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CodedError } from '@jetjobs/contracts';
import { assertPublicHttpUrl } from './assert-public-http-url';
import type { HostLookup } from './host-lookup';
import { safeFetch, type SafeFetchOptions } from './safe-fetch';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1: internal by definition, so only an allowlist reaches it. */
async function listen(handler: Handler): Promise<{ server: Server; base: string; port: number; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    handler(request, response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, port, requests };
}

const routes: Handler = (request, response) => {
  const url = new URL(request.url ?? '/', 'http://x');
  switch (url.pathname) {
    case '/video.mp4':
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '1000' }).end(Buffer.alloc(1000, 1));
      return;
    case '/echo':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ host: request.headers.host, method: request.method, authorization: request.headers.authorization ?? null }));
      return;
    case '/redirect':
      response.writeHead(302, { location: url.searchParams.get('to') ?? '/echo' }).end();
      return;
    case '/see-other':
      response.writeHead(303, { location: '/echo' }).end();
      return;
    case '/loop':
      response.writeHead(301, { location: '/loop' }).end();
      return;
    case '/unbounded':
      // No Content-Length: the limit has to be enforced while reading.
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.write(Buffer.alloc(4096));
      response.end(Buffer.alloc(4096));
      return;
    case '/slow':
      response.writeHead(200);
      response.write('x');
      return; // never ends
    case '/silent':
      return; // never answers, not even the headers
    default:
      response.writeHead(404).end();
  }
};

describe('safeFetch against a local HTTP server', () => {
  let local: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    local = await listen(routes);
  });
  afterAll(async () => {
    local.server.closeAllConnections();
    local.server.close();
    await once(local.server, 'close');
  });

  const options = (overrides: Partial<SafeFetchOptions> = {}): SafeFetchOptions => ({
    allowlist: [],
    maxBytes: 1_000_000,
    timeoutMs: 5_000,
    maxRedirects: 3,
    ...overrides,
  });
  const refusal = async (attempt: Promise<unknown>): Promise<CodedError> => {
    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof CodedError)) throw new Error(`expected a CodedError, got ${String(error)}`);
    return error;
  };

  it('refuses the server on 127.0.0.1 by default, without connecting', async () => {
    const before = local.requests.length;
    const error = await refusal(safeFetch(`${local.base}/video.mp4`, options()));
    expect(error).toMatchObject({ code: 'validation_failed', message: '127.0.0.1 is a loopback address: only URLs on the public internet are accepted' });
    const viaName = await refusal(safeFetch(`http://localhost:${local.port}/video.mp4`, options()));
    expect(viaName.message).toBe('Host "localhost" resolves to a loopback address: only URLs on the public internet are accepted');
    expect(local.requests.length).toBe(before);
    await expect(assertPublicHttpUrl(`http://localhost:${local.port}/`, { allowlist: [] })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('fetches from it when the allowlist covers the address or names the host', async () => {
    const byNetwork = await safeFetch(`${local.base}/video.mp4`, options({ allowlist: ['127.0.0.0/8'] }));
    expect(byNetwork.status).toBe(200);
    expect(byNetwork.headers['content-type']).toBe('video/mp4');
    expect((await byNetwork.bytes()).length).toBe(1000);

    const byName = await safeFetch(`http://localhost:${local.port}/echo`, options({ allowlist: ['localhost'] }));
    expect(JSON.parse(await byName.text())).toEqual({ host: `localhost:${local.port}`, method: 'GET', authorization: null });
    expect((await assertPublicHttpUrl(`http://localhost:${local.port}/x`, { allowlist: ['localhost'] })).pathname).toBe('/x');
  });

  it('connects to the checked address whatever the resolver says later (no second lookup)', async () => {
    // The first answer is the only one used; a rebinding resolver would answer differently next time.
    let calls = 0;
    const rebinding: HostLookup = async () => (++calls === 1 ? ['127.0.0.1'] : ['169.254.169.254']);
    const response = await safeFetch(`http://media.test:${local.port}/echo`, options({ allowlist: ['127.0.0.1'], lookup: rebinding }));
    expect(JSON.parse(await response.text())).toMatchObject({ host: `media.test:${local.port}` });
    expect(calls).toBe(1);
  });

  it('follows redirects, checking every hop', async () => {
    const response = await safeFetch(`${local.base}/redirect?to=/echo`, options({ allowlist: ['127.0.0.1/32'] }));
    expect(response.status).toBe(200);
    expect(response.url.pathname).toBe('/echo');
  });

  it('refuses a redirect from an allowed host to a blocked one', async () => {
    const before = local.requests.length;
    const toMetadata = encodeURIComponent('http://169.254.169.254/latest/meta-data/');
    const error = await refusal(safeFetch(`${local.base}/redirect?to=${toMetadata}`, options({ allowlist: ['127.0.0.1'] })));
    expect(error).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('169.254.169.254 is a link-local address') });
    // A blocked hop on another loopback address, outside the /32 allowed.
    const toOther = encodeURIComponent(`http://127.0.0.2:${local.port}/echo`);
    expect((await refusal(safeFetch(`${local.base}/redirect?to=${toOther}`, options({ allowlist: ['127.0.0.1/32'] })))).message).toContain('127.0.0.2');
    const toFile = encodeURIComponent('file:///etc/passwd');
    expect((await refusal(safeFetch(`${local.base}/redirect?to=${toFile}`, options({ allowlist: ['127.0.0.1'] })))).message).toContain('"file"');
    expect(local.requests.length).toBe(before + 3);
  });

  it('stops after maxRedirects, and refuses any redirect with 0', async () => {
    const loop = await refusal(safeFetch(`${local.base}/loop`, options({ allowlist: ['127.0.0.1'], maxRedirects: 2 })));
    expect(loop).toMatchObject({ code: 'validation_failed', message: `127.0.0.1:${local.port} redirected more than 2 time(s): use the final URL` });
    expect((await refusal(safeFetch(`${local.base}/redirect`, options({ allowlist: ['127.0.0.1'], maxRedirects: 0 })))).code).toBe('validation_failed');
  });

  it('turns a POST into a GET on 303, and drops credentials on a redirect to another origin', async () => {
    const seeOther = await safeFetch(`${local.base}/see-other`, options({ allowlist: ['127.0.0.1'], method: 'POST', body: '{}' }));
    expect(JSON.parse(await seeOther.text())).toMatchObject({ method: 'GET' });

    const sameOrigin = await safeFetch(`${local.base}/redirect?to=/echo`, options({ allowlist: ['localhost', '127.0.0.1'], headers: { Authorization: 'Bearer s' } }));
    expect(JSON.parse(await sameOrigin.text())).toMatchObject({ authorization: 'Bearer s' });
    const otherOrigin = encodeURIComponent(`http://localhost:${local.port}/echo`);
    const crossed = await safeFetch(`${local.base}/redirect?to=${otherOrigin}`, options({ allowlist: ['localhost', '127.0.0.1'], headers: { Authorization: 'Bearer s' } }));
    expect(JSON.parse(await crossed.text())).toMatchObject({ authorization: null });
  });

  it('refuses a body over maxBytes, declared or not', async () => {
    const declared = await refusal(safeFetch(`${local.base}/video.mp4`, options({ allowlist: ['127.0.0.1'], maxBytes: 999 })));
    expect(declared).toMatchObject({ code: 'payload_too_large', message: `The response from 127.0.0.1:${local.port} is larger than the limit of 999 bytes` });

    const streamed = await safeFetch(`${local.base}/unbounded`, options({ allowlist: ['127.0.0.1'], maxBytes: 5000 }));
    expect((await refusal(streamed.bytes())).code).toBe('payload_too_large');
    const fits = await safeFetch(`${local.base}/unbounded`, options({ allowlist: ['127.0.0.1'], maxBytes: 8192 }));
    expect((await fits.bytes()).length).toBe(8192);
  });

  it('gives up after timeoutMs, and reports a closed port as unavailable', async () => {
    const slow = await refusal(safeFetch(`${local.base}/silent`, options({ allowlist: ['127.0.0.1'], timeoutMs: 100 })).then(async (r) => r.bytes()));
    expect(slow).toMatchObject({ code: 'unavailable', message: `127.0.0.1:${local.port} did not answer within 100 ms` });
    // Headers arrive at once, the body never ends: the deadline covers the body too.
    const hanging = await safeFetch(`${local.base}/slow`, options({ allowlist: ['127.0.0.1'], timeoutMs: 200 }));
    expect(hanging.status).toBe(200);
    expect(await refusal(hanging.bytes())).toMatchObject({ code: 'unavailable', message: expect.stringContaining('did not answer within 200 ms') });

    const closed = await listen(routes);
    closed.server.close();
    await once(closed.server, 'close');
    const refused = await refusal(safeFetch(`${closed.base}/x`, options({ allowlist: ['127.0.0.1'] })));
    expect(refused).toMatchObject({ code: 'unavailable', message: expect.stringContaining(`Could not reach 127.0.0.1:${closed.port}`) });
  });
});
