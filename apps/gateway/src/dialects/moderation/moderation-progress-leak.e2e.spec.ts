import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { executeCommand } from '@jetjobs/event-store';
import { eventually, openSse, readSse } from '@jetjobs/testing';
import { LiveEventHub } from '../../live-events/live-event-hub';
import { jsonPost, startTestGateway, type TestGateway } from '../../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../../testing/test-registry';
import { ModerationProgressController } from './moderation-progress.controller';

// Garbage collection on demand, so that heap figures compare live objects rather than garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CYCLES = 1_000;
const WARM_UP = 50;
const HEAP_GROWTH_LIMIT = 10 * 1024 * 1024;

// "The server cleans up when the client goes away": every progress stream a client abandons must
// let go of its live-hub listener, its keepalive timer and its response.
describe('moderation API: progress streams released on disconnect', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway('gwmodleak', { JETJOBS_SSE_KEEPALIVE_MS: '50' });
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    token = gw.token(['moderate:video', 'job:read']);
  }, 30_000);
  afterAll(async () => {
    await gw?.close();
    await registry?.close();
  });

  it(`leaves no listener, open stream or heap growth after ${CYCLES} connect/disconnect cycles`, async () => {
    const hub = gw.app.get(LiveEventHub);
    const streams = gw.app.get(ModerationProgressController);
    const submitted = await gw.request('/api/v1/moderate/video', jsonPost({ video_url: 'https://93.184.215.14/v.mp4' }, token));
    const jobId = ((await submitted.json()) as { job_id: string }).job_id;
    // A running job: its streams stay open until the client leaves.
    await executeCommand(gw.events.store, { jobId }, { type: 'StartJob', data: { workerId: 'w' } }, { correlationId: randomUUID(), causationId: null });
    const released = () => eventually(async () => (hub.watchedJobs === 0 && streams.openStreams === 0 ? true : undefined), 10_000);
    const cycle = async () => {
      const sse = await openSse(`${gw.url}/api/v1/job/${jobId}/progress`, { authorization: `Bearer ${token}` });
      const [connected] = await readSse(sse, () => true);
      expect(connected?.event).toBe('connected');
      sse.close();
    };

    for (let i = 0; i < WARM_UP; i++) await cycle();
    await released();
    gc();
    const before = process.memoryUsage().heapUsed;

    for (let i = 0; i < CYCLES; i++) await cycle();
    await released();
    gc();
    const growth = process.memoryUsage().heapUsed - before;

    expect(hub.watchedJobs).toBe(0);
    expect(streams.openStreams).toBe(0);
    expect(growth).toBeLessThan(HEAP_GROWTH_LIMIT);
  }, 120_000);
});
