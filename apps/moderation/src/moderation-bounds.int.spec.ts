import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Objm } from '@nats-io/obj';
import { BUILTIN_KINDS } from '@jetjobs/contracts';
import { publishWorkItem } from '@jetjobs/event-store';
import { generateTestVideo, generateTruncatedMp4, isTerminalEvent, openTestEventStore, submitTestJob, waitForJobEvent, type TestEventStore } from '@jetjobs/testing';
import { startWorker, type Worker } from '@jetjobs/worker-runtime';
import type { FrameClassifier } from './classifiers/frame-classifier';
import { bucketMediaFiles } from './evidence/media-files';
import { createModerationHandler } from './moderation.handler';
import { startMediaServer, type MediaServer } from './testing/media-server';
import { TEST_SETTINGS } from './testing/moderation-platform';

/** Both jobs fail before the first frame is classified: a classifier that is reached fails the test. */
const unreachedClassifier: FrameClassifier = {
  description: 'never reached',
  format: { kind: 'rgb', width: 8, height: 8 },
  batchSize: 1,
  batchesInFlight: 1,
  classify: () => Promise.reject(new Error('the classifier must not be reached')),
  close: () => Promise.resolve(),
} as unknown as FrameClassifier;

describe('moderation: unreadable and over-limit videos fail at once, in words a client can use', () => {
  let events: TestEventStore;
  let worker: Worker;
  let server: MediaServer;
  let dir: string;

  beforeAll(async () => {
    events = await openTestEventStore('modbounds');
    dir = await mkdtemp(join(tmpdir(), `${events.names.namespace}-`));
    await generateTruncatedMp4(join(dir, 'cut.mp4'));
    await generateTestVideo(join(dir, 'long.mp4'), { durationS: 3, fps: 5, width: 16, height: 16, audio: 'none' });
    server = await startMediaServer({
      '/cut.mp4': { file: join(dir, 'cut.mp4'), contentType: 'video/mp4' },
      '/long.mp4': { file: join(dir, 'long.mp4'), contentType: 'video/mp4' },
    });
    const files = bucketMediaFiles(await new Objm(events.nc).open(events.names.mediaBucket));
    const settings = { ...TEST_SETTINGS, limits: { maxDurationS: 2, maxPixels: 3840 * 2160, maxFrames: 100_000 } };
    worker = await startWorker({ store: events.store, kind: BUILTIN_KINDS.moderation, handler: createModerationHandler(unreachedClassifier, files, settings), ackWaitMs: 3_000 });
  });
  afterAll(async () => {
    await worker?.stop(1_000);
    await server?.close();
    await rm(dir, { recursive: true, force: true });
    await events.dispose();
  });

  async function failureOf(path: string) {
    const job = await submitTestJob(events.store, { kind: BUILTIN_KINDS.moderation, input: { source: { url: server.url(path) } } });
    await publishWorkItem(events.store.js, events.names, { jobId: job.jobId, kind: job.kind, attempt: 1 });
    const history = await waitForJobEvent(events.store, job.jobId, isTerminalEvent);
    expect(history.filter((e) => e.type === 'JobAttemptFailed')).toHaveLength(0); // failed at once, no retry
    return history.at(-1);
  }

  it('says a truncated mp4 has no index, with no path, tool name or pointer', async () => {
    expect(await failureOf('/cut.mp4')).toMatchObject({
      type: 'JobFailed',
      data: { error: { code: 'invalid_media', message: 'The file is not a readable video (no MP4 index found)' } },
    });
  });

  it('refuses a video longer than the kind allows right after probing', async () => {
    expect(await failureOf('/long.mp4')).toMatchObject({
      type: 'JobFailed',
      data: { error: { code: 'media_too_long', message: 'The media is 3 s long; this service accepts at most 2 s' } },
    });
  });
});
