import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JetJobs } from './jetjobs-client';
import type { JobStreamEvent } from './job-types';

const JOB = '5b0d7a3e-8c51-4f7e-9d6c-0f3f2a1b4c5d';

function frame(version: number, type = 'JobProgressed'): string {
  const event = { job_id: JOB, type, version, occurred_at: '2026-12-01T00:00:00.000Z', data: { attempt: 1, progress: version * 10 } };
  return `id: ${version}\nevent: ${type}\ndata: ${JSON.stringify(event)}\n\n`;
}

// Connection drops, repeats and out-of-order versions are what a follower must survive; a real
// HTTP server scripted per connection produces each one on the wire, on demand.
describe('jobs.follow over a stream that drops, repeats and skips', () => {
  let server: Server;
  let script: ((request: IncomingMessage, response: ServerResponse) => void)[] = [];
  const lastEventIds: (string | undefined)[] = [];
  let jj: JetJobs;

  beforeAll(async () => {
    server = createServer((request, response) => {
      lastEventIds.push(request.headers['last-event-id'] as string | undefined);
      const next = script.shift();
      if (next) next(request, response);
      else response.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jj = new JetJobs({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: 't' });
  });
  beforeEach(() => (lastEventIds.length = 0));
  afterAll(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });

  const stream = (...frames: string[]) => (_request: IncomingMessage, response: ServerResponse) => {
    // A blank first line, as Nest writes, and a keepalive comment: neither is an event.
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('\n: keepalive\n\n');
    for (const text of frames) response.write(text);
  };
  const streamThenDrop = (...frames: string[]) => (request: IncomingMessage, response: ServerResponse) => {
    stream(...frames)(request, response);
    setImmediate(() => response.socket?.destroy());
  };

  it('yields every version once, in order, resuming after the last one yielded, and ends at the terminal event', async () => {
    script = [
      streamThenDrop(frame(1), frame(2), frame(3)),
      // A repeat and a version that skips one: neither may reach the caller.
      stream(frame(3), frame(5)),
      (_request, response) => response.writeHead(503, { 'retry-after': '0' }).end(),
      stream(frame(4), frame(5, 'JobCompleted'), frame(6)),
    ];
    const reconnects: number[] = [];
    const events: JobStreamEvent[] = [];
    for await (const event of jj.jobs.follow(JOB, { onReconnect: ({ afterVersion }) => reconnects.push(afterVersion) })) events.push(event);
    expect(events.map((e) => [e.version, e.type])).toEqual([[1, 'JobProgressed'], [2, 'JobProgressed'], [3, 'JobProgressed'], [4, 'JobProgressed'], [5, 'JobCompleted']]);
    expect(lastEventIds).toEqual([undefined, '3', '3', '3']);
    expect(reconnects).toEqual([3, 3, 3]);
  });

  it('starts after afterVersion', async () => {
    script = [stream(frame(7), frame(8, 'JobCancelled'))];
    const events: JobStreamEvent[] = [];
    for await (const event of jj.jobs.follow(JOB, { afterVersion: 6 })) events.push(event);
    expect(lastEventIds).toEqual(['6']);
    expect(events.map((e) => e.version)).toEqual([7, 8]);
  });

  it('ends quietly when its signal aborts mid-stream', async () => {
    script = [stream(frame(1))];
    const controller = new AbortController();
    const events: JobStreamEvent[] = [];
    for await (const event of jj.jobs.follow(JOB, { signal: controller.signal })) {
      events.push(event);
      controller.abort();
    }
    expect(events.map((e) => e.version)).toEqual([1]);
  });

  it('ends with the API error on a 4xx other than 429', async () => {
    script = [(_request, response) => response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"job_not_found","message":"No job"}}')];
    const follow = async () => {
      for await (const _event of jj.jobs.follow(JOB)) throw new Error('no event expected');
    };
    await expect(follow()).rejects.toMatchObject({ status: 404, code: 'job_not_found' });
  });

  it('gives up once the gateway has been unreachable for giveUpAfterMs', async () => {
    script = [];
    const follow = async () => {
      for await (const _event of jj.jobs.follow(JOB, { giveUpAfterMs: 300 })) throw new Error('no event expected');
    };
    await expect(follow()).rejects.toMatchObject({ code: 'network_error', message: expect.stringContaining('gave up following') });
  });
});
