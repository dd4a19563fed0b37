import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Objm } from '@nats-io/obj';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { mediaOwnerMetadata } from '@jetjobs/contracts';
import { eventually } from '@jetjobs/testing';
import { mp4Bytes } from '../testing/video-fixtures';
import { dialectOfTarget, problemWith } from './error-body';
import { startHostileStack, type HostileStack, type SeededJobs } from './hostile-stack';

const BIG_CLIP = 'big.mp4';

/** One GET held open: the response's head is read, its body left unread until `close`. */
interface Held {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  /** The body, read to its end (for refusals and ended streams). */
  text(): Promise<string>;
  close(): void;
}

function hold(baseUrl: string, target: string, token: string): Promise<Held> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${baseUrl}${target}`, { agent: false, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.pause();
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        text: async () => {
          const chunks: Buffer[] = [];
          for await (const chunk of response) chunks.push(chunk as Buffer);
          return Buffer.concat(chunks).toString('utf8');
        },
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
    request.end();
  });
}

async function expectRefused(held: Held, target: string, code: string): Promise<string> {
  const body = await held.text();
  const raw = { status: held.status, headers: held.headers as Record<string, string>, body: Buffer.from(body), timedOut: false, eventStream: false };
  expect(problemWith(raw, dialectOfTarget(target))).toBeNull();
  expect([held.status, (JSON.parse(body) as { error: { code: string } }).error.code, held.headers['retry-after']]).toEqual([429, code, '5']);
  return body;
}

// Event streams and downloads hold a socket each for as long as the client likes: capped per
// project and per replica, and streams live a bounded time.
describe('caps on long-lived responses', () => {
  let stack: HostileStack;
  let a: SeededJobs;
  let b: SeededJobs;
  const opened: Held[] = [];
  const open = async (target: string, project: string) => {
    const held = await hold(stack.gw.url, target, stack.token(project));
    opened.push(held);
    return held;
  };

  beforeAll(async () => {
    stack = await startHostileStack('gwcaps', {
      JETJOBS_SSE_MAX_PER_PROJECT: '2',
      JETJOBS_SSE_MAX_TOTAL: '3',
      JETJOBS_DOWNLOADS_MAX_PER_PROJECT: '1',
      JETJOBS_DOWNLOADS_MAX_TOTAL: '2',
    });
    [a, b] = [await stack.seedJobs('caps-a'), await stack.seedJobs('caps-b')];
    // Large enough that a client that does not read holds the download open.
    const bucket = await new Objm(stack.gw.events.nc).open(stack.gw.events.names.mediaBucket);
    const meta = natsHeaders();
    meta.set('Content-Type', 'video/mp4');
    for (const [projectId, jobId] of [['caps-a', a.clipper], ['caps-b', b.clipper]] as const) {
      const owner = mediaOwnerMetadata({ projectId, jobId, purpose: 'output' });
      await bucket.putBlob({ name: `clips/${jobId}/${BIG_CLIP}`, headers: meta, metadata: owner }, mp4Bytes(32 * 1024 * 1024));
    }
  }, 120_000);
  afterEach(() => opened.splice(0).forEach((held) => held.close()));
  afterAll(async () => {
    await stack?.close();
  });

  it('refuses a project its third event stream, on every API, and the replica its fourth', async () => {
    const first = await open(`/v1/jobs/${a.native}/events`, 'caps-a');
    await open(`/api/v1/job/${a.moderation}/progress`, 'caps-a');
    expect([first.status, first.headers['content-type']]).toEqual([200, 'text/event-stream; charset=utf-8']);
    await expectRefused(await open(`/v1/jobs/${a.native}/events`, 'caps-a'), '/v1/jobs', 'rate_limited');
    await expectRefused(await open(`/api/v1/job/${a.moderation}/progress`, 'caps-a'), '/api/v1/job', 'RATE_LIMITED');
    await expectRefused(await open(`/api-gateway/avf/status/${a.avf}`, 'caps-a'), '/api-gateway', 'rate_limited');

    expect((await open(`/api-gateway/avf/status/${b.avf}`, 'caps-b')).status).toBe(200);
    const body = await expectRefused(await open(`/v1/jobs/${b.native}/events`, 'caps-b'), '/v1/jobs', 'rate_limited');
    expect(body).toContain('the server has 3');

    // A stream that ends gives its slot back.
    first.close();
    const again = await eventually(async () => {
      const held = await open(`/v1/jobs/${a.native}/events`, 'caps-a');
      return held.status === 200 ? held : undefined;
    });
    expect(again.headers['content-type']).toContain('text/event-stream');
  });

  it('refuses a project a second download while one runs, and the replica a third', async () => {
    const first = await open(`/videos/${a.clipper}/${BIG_CLIP}`, 'caps-a');
    expect(first.status).toBe(200);
    await expectRefused(await open(`/videos/${a.clipper}/${BIG_CLIP}`, 'caps-a'), '/videos', 'rate_limited');
    expect((await open(`/videos/${b.clipper}/${BIG_CLIP}`, 'caps-b')).status).toBe(200);
    await expectRefused(await open(`/videos/${a.clipper}/clip_1.mp4`, 'caps-c'), '/videos', 'rate_limited');
  });
});

describe('the lifetime of an event stream', () => {
  let stack: HostileStack;
  let jobs: SeededJobs;

  beforeAll(async () => {
    stack = await startHostileStack('gwlife', { JETJOBS_SSE_MAX_LIFETIME_MS: '1500', JETJOBS_SSE_MAX_PER_PROJECT: '1' });
    jobs = await stack.seedJobs('life');
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it.each([
    ['native', (j: SeededJobs) => `/v1/jobs/${j.native}/events`],
    ['moderation', (j: SeededJobs) => `/api/v1/job/${j.moderation}/progress`],
    ['AVF', (j: SeededJobs) => `/api-gateway/avf/status/${j.avf}`],
  ])('ends a %s stream of an unfinished job with a retry hint, and frees its slot', async (_api, target) => {
    const held = await hold(stack.gw.url, target(jobs), stack.token('life'));
    expect(held.status).toBe(200);
    // The job never finishes: only the lifetime ends this stream.
    const body = await held.text();
    expect(body).toMatch(/\nretry: 1000\n\n$/);
    const next = await hold(stack.gw.url, target(jobs), stack.token('life'));
    expect(next.status).toBe(200);
    next.close();
  }, 20_000);
});
