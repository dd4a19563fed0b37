import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describeEndpoint, endpointsOf, fill, parametersOf, type Endpoint } from './endpoint-catalogue';
import { dialectOfTarget, problemWith } from './error-body';
import { writeFuzzReport } from './fuzz-report';
import { brokenBodyText, hostileJsonText, hostileQuery, hostileSegment, jsonishContentType, oddAuthorization } from './hostile-arbitraries';
import { SEEDED_CLIP, startHostileStack, type HostileStack, type SeededJobs } from './hostile-stack';
import { hostileForm } from './multipart-arbitraries';
import { rawRequest, type RawRequest } from './raw-http';

/** Fixed, so that a failure is reproduced by running the spec again. */
const SEED = 20_240_408;
/** Runs per endpoint and property: a few thousand requests in all, within the suite's time budget. */
const RUNS = { jsonBody: 110, multipart: 90, headers: 28, path: 30 };
/** Longer than any honest answer takes, even on a loaded machine. */
const REQUEST_TIMEOUT_MS = 8_000;

// Every JSON and multipart endpoint of the gateway, taken from its own OpenAPI document, fed
// thousands of hostile bodies, headers and paths: never a 5xx, every 4xx in its API's error
// wording, never a hang, and the gateway still healthy (and Object.prototype clean) afterwards.
describe('hostile input, fuzzed', () => {
  let stack: HostileStack;
  let endpoints: Endpoint[];
  let jobs: SeededJobs;
  let token: string;
  const tally = { cases: 0, failures: 0 };
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    stack = await startHostileStack('gwfuzz');
    token = stack.token();
    const document = (await (await stack.gw.request('/openapi.json')).json()) as Parameters<typeof endpointsOf>[0];
    endpoints = endpointsOf(document);
    jobs = await stack.seedJobs('project-a');
  }, 60_000);
  afterAll(async () => {
    await writeFuzzReport({ cases: tally.cases, endpoints: endpoints?.length ?? 0, seed: SEED, failures: tally.failures });
    await stack?.close();
  });

  /** Sends one case and throws, naming it, when the answer is not acceptable. */
  const send = async (request: Omit<RawRequest, 'timeoutMs'>): Promise<void> => {
    tally.cases++;
    const response = await rawRequest(stack.gw.url, { ...request, timeoutMs: REQUEST_TIMEOUT_MS });
    const problem = problemWith(response, dialectOfTarget(request.target));
    if (problem) throw new Error(`${request.method} ${request.target.slice(0, 160)}: ${problem}`);
  };
  const check = async (property: fc.IAsyncProperty<unknown[]> | fc.IAsyncPropertyWithHooks<unknown[]>, numRuns: number) => {
    try {
      // No shrinking: each step is a request, and the first counterexample already names the case.
      await fc.assert(property, { seed: SEED, numRuns, endOnFailure: true });
    } catch (error) {
      tally.failures++;
      throw error;
    }
  };
  /** Well-formed values for a template's parameters: the seeded jobs of every API, an unknown id. */
  const validParams = (template: string): fc.Arbitrary<Record<string, string>> => {
    const ids = [jobs.native, jobs.avf, jobs.clipper, jobs.moderation, randomUUID()];
    const choices: Record<string, readonly string[]> = {
      id: template.includes('/async/') ? [jobs.asyncId, 'abc123'] : ids,
      job_id: [jobs.clipper, ...ids],
      request_id: [jobs.avf, ...ids],
      slug: ['clipper', 'avf', 'moderation', 'unknown'],
      file: [SEEDED_CLIP, 'missing.mp4'],
      asset: ['swagger-ui.css', 'nothing.js'],
    };
    return fc.record(Object.fromEntries(parametersOf(template).map((name) => [name, fc.constantFrom(...(choices[name] ?? ['x']))])));
  };
  const withBody = () => endpoints.filter((e) => e.bodyTypes.length > 0);

  it('takes its endpoints from /openapi.json: every API, every JSON and multipart route', () => {
    const listed = endpoints.map(describeEndpoint);
    for (const route of ['POST /v1/jobs', 'POST /api-gateway/avf/infer', 'POST /api/process', 'POST /api/v1/moderate/video', 'POST /api/v1/services/{slug}/async', 'POST /v1/admin/jobs/{id}/redrive', 'POST /v1/jobs/{id}/stream-token', 'GET /videos/{job_id}/{file}', 'GET /v1/jobs/{id}/webhook-deliveries']) {
      expect(listed).toContain(route);
    }
    expect(withBody().flatMap((e) => e.bodyTypes)).toEqual(expect.arrayContaining(['application/json', 'multipart/form-data']));
  });

  it('answers hostile JSON bodies on every route that takes a body with a 4xx in its API\'s words, or accepts them', async () => {
    for (const endpoint of withBody()) {
      const property = fc.asyncProperty(
        validParams(endpoint.template),
        fc.oneof({ weight: 3, arbitrary: hostileJsonText }, { weight: 1, arbitrary: brokenBodyText }),
        fc.oneof({ weight: 4, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: jsonishContentType }),
        async (params, body, contentType) => {
          const headers: [string, string][] = [['Authorization', `Bearer ${token}`], ['Content-Length', String(Buffer.byteLength(body))]];
          if (contentType !== '') headers.push(['Content-Type', contentType]);
          await send({ method: endpoint.method, target: fill(endpoint.template, params), headers, body });
        },
      );
      await check(property, RUNS.jsonBody);
    }
  }, 120_000);

  it('answers hostile multipart forms (names, file names, contents, broken framing) without a 5xx', async () => {
    for (const endpoint of withBody().filter((e) => e.bodyTypes.includes('multipart/form-data'))) {
      const property = fc.asyncProperty(validParams(endpoint.template), hostileForm, async (params, form) => {
        const headers: [string, string][] = [['Authorization', `Bearer ${token}`], ['Content-Type', form.contentType], ['Content-Length', String(form.body.length)]];
        await send({ method: endpoint.method, target: fill(endpoint.template, params), headers, body: form.body });
      });
      await check(property, RUNS.multipart);
    }
  }, 120_000);

  it('answers odd headers on every route: content types, lying lengths, strange credentials', async () => {
    for (const endpoint of endpoints) {
      const property = fc.asyncProperty(
        validParams(endpoint.template),
        fc.oneof({ weight: 2, arbitrary: fc.constant(`Bearer ${token}`) }, { weight: 3, arbitrary: oddAuthorization(token) }, { weight: 1, arbitrary: fc.constant(null) }),
        fc.option(oddAuthorization(token), { freq: 6 }),
        fc.option(fc.oneof(jsonishContentType, hostileForm.map((f) => f.contentType)), { freq: 4 }),
        fc.oneof(fc.constant(''), fc.constant('{"kind":"echo","input":{}}'), hostileJsonText),
        fc.constantFrom('exact', 'exact', 'none', 'short', 'long', 'junk', 'double', 'chunked', 'chunked+length'),
        fc.array(fc.tuple(fc.constantFrom(...EXTRA_HEADERS), fc.constantFrom(...HEADER_VALUES)), { maxLength: 4 }),
        async (params, auth, secondAuth, contentType, body, length, extra) => {
          const headers: [string, string][] = [];
          if (auth !== null) headers.push(['Authorization', auth]);
          if (secondAuth !== null) headers.push(['Authorization', secondAuth]);
          if (contentType !== null) headers.push(['Content-Type', contentType]);
          headers.push(...extra);
          const framed = frame(body, length);
          headers.push(...framed.headers);
          await send({ method: endpoint.method, target: fill(endpoint.template, params), headers, body: framed.body, endAfterWrite: framed.incomplete });
        },
      );
      await check(property, RUNS.headers);
    }
  }, 120_000);

  it('answers hostile paths and query strings on every route: encoded slashes, dot segments, long and unicode ids', async () => {
    for (const endpoint of endpoints) {
      const names = parametersOf(endpoint.template);
      const property = fc.asyncProperty(
        validParams(endpoint.template),
        fc.array(fc.oneof(hostileSegment, fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => s.replace(/[\s?#]/g, ''))), { minLength: names.length, maxLength: names.length }),
        fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
        hostileQuery,
        fc.constantFrom('none', 'none', 'double-slash', 'dot-segment', 'trailing-slash', 'upper-case', 'encoded-slash'),
        async (valid, hostile, useHostile, query, mangle) => {
          const params = Object.fromEntries(names.map((name, i) => [name, useHostile[i] || names.length === 0 ? hostile[i]! : valid[name]!]));
          const target = mangled(fill(endpoint.template, params), mangle) + query;
          const headers: [string, string][] = [['Authorization', `Bearer ${token}`]];
          const body = endpoint.method === 'POST' ? '{}' : '';
          if (body) headers.push(['Content-Type', 'application/json'], ['Content-Length', '2']);
          await send({ method: endpoint.method, target, headers, body });
        },
      );
      await check(property, RUNS.path);
    }
  }, 120_000);

  it('is still healthy afterwards, and no hostile key reached Object.prototype', async () => {
    expect((await stack.gw.request('/healthz')).status).toBe(200);
    expect((await stack.gw.request(`/v1/jobs/${jobs.native}`, { token })).status).toBe(200);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
    expect(tally.cases).toBeGreaterThan(2_000);
  });
});

const EXTRA_HEADERS = ['Accept', 'Last-Event-ID', 'Range', 'If-Range', 'Idempotency-Key', 'Expect', 'X-Forwarded-For', 'Content-Encoding', 'Cookie', 'Origin', 'X-HTTP-Method-Override', 'Connection'];
const HEADER_VALUES = [
  '', 'x'.repeat(4_000), 'bytes=0-', 'bytes=-1', 'bytes=0-0,1-1', 'bytes=99999999999999999999-', '100-continue', 'gzip', 'deflate', 'br', 'identity',
  'text/event-stream', '*/*', '9'.repeat(30), '-1', '1.5', 'close', 'keep-alive, Upgrade', 'é€😀', 'W/"x"', '"', 'POST', 'DELETE', '127.0.0.1, ::1',
];

/** The body framed as `length` says: honestly, without a length, or with one that lies. */
function frame(body: string, length: string): { headers: [string, string][]; body: Buffer; incomplete: boolean } {
  const bytes = Buffer.from(body);
  const n = bytes.length;
  switch (length) {
    case 'exact':
      return { headers: [['Content-Length', String(n)]], body: bytes, incomplete: false };
    case 'none':
      return { headers: [], body: Buffer.alloc(0), incomplete: false };
    case 'short':
      return { headers: [['Content-Length', String(Math.max(0, n - 3))]], body: bytes, incomplete: false };
    case 'long':
      return { headers: [['Content-Length', String(n + 7)]], body: bytes, incomplete: true };
    case 'junk':
      return { headers: [['Content-Length', ['abc', '-1', '1e3', '0x10', '', ' 5 5', '99999999999999999999'][n % 7]!]], body: bytes, incomplete: true };
    case 'double':
      return { headers: [['Content-Length', String(n)], ['Content-Length', String(n + 1)]], body: bytes, incomplete: true };
    case 'chunked':
      return { headers: [['Transfer-Encoding', 'chunked']], body: chunked(bytes), incomplete: false };
    default:
      return { headers: [['Transfer-Encoding', 'chunked'], ['Content-Length', String(n)]], body: chunked(bytes), incomplete: true };
  }
}

function chunked(bytes: Buffer): Buffer {
  return Buffer.concat([bytes.length > 0 ? Buffer.from(`${bytes.length.toString(16)}\r\n`) : Buffer.alloc(0), bytes, Buffer.from(bytes.length > 0 ? '\r\n0\r\n\r\n' : '0\r\n\r\n')]);
}

/** The path with one of the tricks that make two spellings of a route differ. */
function mangled(path: string, how: string): string {
  switch (how) {
    case 'double-slash':
      return path.replace('/', '//');
    case 'dot-segment':
      return path.replace(/\/([^/]+)$/, '/./$1');
    case 'trailing-slash':
      return `${path}/`;
    case 'upper-case':
      return path.toUpperCase();
    case 'encoded-slash':
      return path.replace(/\/([^/]*)$/, '%2F$1');
    default:
      return path;
  }
}
