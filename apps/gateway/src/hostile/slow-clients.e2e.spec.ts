import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { Objm, type ObjectStore } from '@nats-io/obj';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { mediaOwnerMetadata } from '@jetjobs/contracts';
import { eventually } from '@jetjobs/testing';
import { jsonPost } from '../testing/test-gateway';
import { mp4Bytes } from '../testing/video-fixtures';
import { dialectOfTarget, problemWith } from './error-body';
import { openFds, PUBLIC_VIDEO_URL, startHostileStack, type HostileStack } from './hostile-stack';
import { openRawConnection, rawRequest } from './raw-http';

const MiB = 1024 * 1024;
/** Large enough that the kernel's socket buffers cannot hide it: the gateway must stop reading it. */
const BIG_CLIP_BYTES = 48 * MiB;

interface SlowUploadOutcome {
  readonly response: string;
  readonly closedAfterMs: number;
}

// Clients that are slow on purpose: an upload trickled a few bytes a second, and a download the
// client stops reading. Neither may hold the gateway's memory, sockets or files for long.
describe('slow clients', () => {
  let stack: HostileStack;
  let bucket: ObjectStore;
  let token: string;
  let clipJob: string;
  const serverSockets: Socket[] = [];

  beforeAll(async () => {
    stack = await startHostileStack('gwslow', { JETJOBS_UPLOAD_MIN_BYTES_PER_S: '1024', JETJOBS_UPLOAD_RATE_WINDOW_MS: '1000' });
    token = stack.token();
    (stack.gw.app.getHttpServer() as Server).on('connection', (socket: Socket) => serverSockets.push(socket));
    bucket = await new Objm(stack.gw.events.nc).open(stack.gw.events.names.mediaBucket);
    const response = await stack.gw.request('/api/process', jsonPost({ url: PUBLIC_VIDEO_URL }, token));
    clipJob = ((await response.json()) as { job_id: string }).job_id;
    const big = Buffer.alloc(BIG_CLIP_BYTES, 0x42);
    big.set(mp4Bytes(64));
    const meta = natsHeaders();
    meta.set('Content-Type', 'video/mp4');
    await bucket.putBlob({ name: `clips/${clipJob}/big_clip.mp4`, headers: meta, metadata: mediaOwnerMetadata({ projectId: 'project-a', jobId: clipJob, purpose: 'output' }) }, big);
  }, 90_000);
  afterAll(async () => {
    await stack?.close();
  });

  /** Sends a form's head and the start of an MP4, then 4 bytes every 200 ms until the server closes. */
  async function trickleUpload(path: string): Promise<SlowUploadOutcome> {
    const socket = await openRawConnection(stack.gw.url);
    const boundary = 'trickle';
    const preamble = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.mp4"\r\nContent-Type: video/mp4\r\n\r\n`;
    const started = Date.now();
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer ${token}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
        `Content-Length: ${preamble.length + 1_000_000}\r\n\r\n${preamble}`,
    );
    socket.write(mp4Bytes(32));
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => undefined);
    const trickle = setInterval(() => socket.writable && socket.write(Buffer.alloc(4, 0x41)), 200);
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    clearInterval(trickle);
    return { response: Buffer.concat(received).toString('utf8'), closedAfterMs: Date.now() - started };
  }

  it.each([
    ['AVF', '/api-gateway/avf/infer', 'request_timeout'],
    ['clipper', '/api/process', 'request_timeout'],
    ['moderation', '/api/v1/moderate/video', 'REQUEST_TIMEOUT'],
  ])('cuts off a %s upload that trickles in, with 408 in its API\'s words, and frees the connection', async (_api, path, code) => {
    const fdsBefore = await openFds();
    const outcome = await trickleUpload(path);
    const [head = '', body = ''] = outcome.response.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(body)).toEqual({ error: { code, message: expect.stringMatching(/^The upload is too slow: .* under the minimum of 1 KiB per second$/) } });
    // One window to notice, one more at most for the check's timer, then the linger before the close.
    expect(outcome.closedAfterMs).toBeLessThan(8_000);
    await eventually(async () => ((await openFds()) <= fdsBefore ? true : undefined), 10_000);
    const uploads = (await bucket.list()).filter((info) => info.name.includes('slow.mp4') && !info.deleted);
    expect(uploads).toEqual([]);
  }, 20_000);

  it('does not cut off an upload that arrives at a normal pace', async () => {
    const response = await stack.gw.request('/api-gateway/avf/infer', {
      method: 'POST',
      token,
      body: (() => {
        const form = new FormData();
        form.append('file', new Blob([mp4Bytes(512 * 1024)], { type: 'video/mp4' }), 'fine.mp4');
        return form;
      })(),
    });
    expect(response.status).toBe(202);
  });

  it('stops reading a download the client does not read, and lets go of it when the client leaves', async () => {
    const consumers = async () => (await stack.gw.events.store.jsm.consumers.list(`OBJ_${stack.gw.events.names.mediaBucket}`).next()).length;
    const fdsBefore = await openFds();
    const consumersBefore = await consumers();
    const client = await openRawConnection(stack.gw.url);
    client.on('error', () => undefined);
    client.write(`GET /videos/${clipJob}/big_clip.mp4 HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    await new Promise<void>((resolve) => client.once('data', () => resolve()));
    client.pause();

    const server = await eventually(async () => serverSockets.find((s) => s.remotePort === client.localPort), 5_000);
    // Wait until the gateway has stopped sending: what it wrote no longer grows between polls.
    let last = -1;
    await eventually(
      async () => {
        const stalled = server.bytesWritten === last;
        last = server.bytesWritten;
        return stalled ? true : undefined;
      },
      20_000,
      500,
    );
    expect(server.bytesWritten).toBeLessThan(BIG_CLIP_BYTES / 2);
    expect(server.writableLength).toBeLessThan(2 * MiB);

    client.destroy();
    await eventually(async () => (server.destroyed ? true : undefined), 10_000);
    await eventually(async () => ((await consumers()) <= consumersBefore ? true : undefined), 10_000);
    await eventually(async () => ((await openFds()) <= fdsBefore ? true : undefined), 10_000);
  }, 60_000);

  it('answers every request in its API\'s words after all that', async () => {
    const response = await rawRequest(stack.gw.url, { method: 'GET', target: '/api/v1/job/nope', headers: [['Authorization', `Bearer ${token}`]], timeoutMs: 5_000 });
    expect(problemWith(response, dialectOfTarget('/api/v1/job/nope'))).toBeNull();
    expect(response.status).toBe(404);
  });
});
