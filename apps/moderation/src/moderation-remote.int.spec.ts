import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Objm, type ObjectStore } from '@nats-io/obj';
import { BUILTIN_KINDS, mediaOwnerMetadata } from '@jetjobs/contracts';
import { publishWorkItem } from '@jetjobs/event-store';
import { withTempDir } from '@jetjobs/media';
import { isTerminalEvent, openTestEventStore, submitTestJob, waitForJobEvent, type TestEventStore } from '@jetjobs/testing';
import { startWorker, type Worker } from '@jetjobs/worker-runtime';
import { createOpenAiClassifier } from './classifiers/remote/openai-classifier';
import { RateLimiter } from './classifiers/remote/rate-limiter';
import { bucketMediaFiles } from './evidence/media-files';
import { createModerationHandler } from './moderation.handler';
import type { ModerationResult } from './pipeline/moderation-result';
import { composeVideo } from './testing/fixture-videos';
import { startMockJsonServer, type MockJsonServer, type RecordedRequest } from './testing/mock-json-server';
import { TEST_SETTINGS } from './testing/moderation-platform';

type Input = { image_url: { url: string } };
const imagesOf = (request: RecordedRequest) => (request.body as { input: Input[] }).input.map((i) => Buffer.from(i.image_url.url.split(',')[1] ?? '', 'base64'));

let events: TestEventStore;
let bucket: ObjectStore;
let openai: MockJsonServer;
let worker: Worker;

beforeAll(async () => {
  events = await openTestEventStore('modremote');
  bucket = await new Objm(events.nc).open(events.names.mediaBucket);
  // Every frame looks violent to this server; sexual/minors it applies to text only.
  openai = await startMockJsonServer((request) => ({
    body: {
      results: imagesOf(request).map(() => ({
        category_scores: { sexual: 0.01, 'sexual/minors': 0.001, violence: 0.92, 'violence/graphic': 0.3, 'self-harm': 0.02 },
        category_applied_input_types: { sexual: ['image'], 'sexual/minors': ['text'], violence: ['image'], 'violence/graphic': ['image'], 'self-harm': ['image'] },
      })),
    },
  }));
  const classifier = createOpenAiClassifier({ baseUrl: openai.url, model: 'omni-moderation-latest', imagesPerRequest: 1, concurrency: 2, limiter: new RateLimiter(6_000), timeoutMs: 5_000, retries: 1 });
  worker = await startWorker({ store: events.store, kind: BUILTIN_KINDS.moderation, handler: createModerationHandler(classifier, bucketMediaFiles(bucket), TEST_SETTINGS), ackWaitMs: 5_000 });
}, 30_000);

afterAll(async () => {
  await worker?.stop(2_000);
  await openai?.close();
  await events?.dispose();
});

it('moderates an uploaded video through the OpenAI-compatible backend, frames sent as JPEG data URLs', async () => {
  const object = 'uploads/u-remote/fight.mp4';
  const size = await withTempDir('remote-fixture', async (dir) => {
    const file = join(dir, 'fight.mp4');
    await composeVideo(file, [{ pattern: 'testsrc2', seconds: 3 }], { size: '320x240' });
    await bucket.putBlob({ name: object, metadata: mediaOwnerMetadata({ projectId: 'project-a', purpose: 'upload' }) }, await readFile(file));
    return (await stat(file)).size;
  });
  const { jobId } = await submitTestJob(events.store, { kind: BUILTIN_KINDS.moderation, input: { source: { upload: { object, filename: 'fight.mp4', size, contentType: 'video/mp4' } } } });
  await publishWorkItem(events.store.js, events.names, { jobId, kind: BUILTIN_KINDS.moderation, attempt: 1 });
  const seen = await waitForJobEvent(events.store, jobId, isTerminalEvent, 30_000);
  const last = seen[seen.length - 1];
  expect(last?.type).toBe('JobCompleted');
  const result = (last?.type === 'JobCompleted' ? last.data.result : null) as ModerationResult;

  expect(result).toMatchObject({
    is_prohibited: true,
    categories: { violence: true, porn: false, nsfw: false, self_harm: false, hentai: 'not_assessed', sexy: 'not_assessed', minors: 'not_assessed', custom: {} },
    frame_count: 3,
    source_filename: 'fight.mp4',
    // The model's name only: where it runs is the operator's business, not the client's.
    backend: 'openai omni-moderation-latest',
  });
  expect(result.reason).toMatch(/^Flagged: violence from 0\.0 s to 2\.0 s \(score 0\.92\)/);
  const images = openai.requests.flatMap(imagesOf);
  expect(images).toHaveLength(3);
  expect(images.every((jpeg) => jpeg[0] === 0xff && jpeg[1] === 0xd8)).toBe(true);

  const thumbnail = await bucket.info(result.evidence[0]?.thumbnail_object ?? '');
  expect(thumbnail?.headers?.get('Content-Type')).toBe('image/jpeg');
});
