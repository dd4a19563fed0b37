import { PermanentError, RetryableError } from '@jetjobs/worker-runtime';
import { startMockJsonServer, type MockAnswer, type MockJsonServer, type RecordedRequest } from '../../testing/mock-json-server';
import { createOpenAiClassifier, type OpenAiOptions } from './openai-classifier';
import { RateLimiter } from './rate-limiter';

type Input = { type: string; image_url: { url: string } };
const frames = (...names: string[]) => names.map((name) => Buffer.from(name));
/** The frame names a request carried, decoded from its data URLs. */
const framesOf = (request: RecordedRequest) =>
  ((request.body as { input: Input[] }).input).map((item) => Buffer.from(item.image_url.url.replace('data:image/jpeg;base64,', ''), 'base64').toString());
/** A result whose sexual score encodes the frame's number, so order can be checked. */
const resultFor = (name: string) => ({
  flagged: false,
  categories: {},
  category_scores: { sexual: Number(name.slice(1)) / 100, 'sexual/minors': 0.9, violence: 0.2, 'violence/graphic': 0.4, 'self-harm': 0.01, harassment: 0.5 },
  category_applied_input_types: { sexual: ['image'], 'sexual/minors': ['text'], violence: ['image'], 'violence/graphic': ['image'], 'self-harm': ['image'], harassment: ['text'] },
});
const moderations = (request: RecordedRequest): MockAnswer => ({ body: { id: 'modr-1', model: 'omni-moderation-latest', results: framesOf(request).map(resultFor) } });

let server: MockJsonServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
const signal = new AbortController().signal;

async function classifierFor(respond: (request: RecordedRequest) => MockAnswer, options: Partial<OpenAiOptions> = {}) {
  server = await startMockJsonServer(respond);
  return createOpenAiClassifier({
    baseUrl: `${server.url}/v1`, apiKey: 'sk-test', model: 'omni-moderation-latest', imagesPerRequest: 2, concurrency: 2,
    limiter: new RateLimiter(60_000), timeoutMs: 2_000, retries: 2, ...options,
  });
}

describe('OpenAI-compatible /v1/moderations adapter (mock server on 127.0.0.1)', () => {
  it('sends frames as JPEG data URLs in batches and maps the scores to our categories, in order', async () => {
    const classifier = await classifierFor(moderations);
    expect(classifier).toMatchObject({ format: { kind: 'jpeg', maxSide: 512 }, batchSize: 4 });
    const scores = await classifier.classify(frames('f10', 'f20', 'f30', 'f40', 'f50'), signal);
    expect(scores.map((s) => s.porn)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    // The highest of violence and violence/graphic; sexual/minors applied to text only: not assessed.
    expect(scores[0]).toEqual({ porn: 0.1, violence: 0.4, self_harm: 0.01 });
    const requests = server?.requests ?? [];
    expect(requests.map((r) => [r.method, r.path])).toEqual(Array.from({ length: 3 }, () => ['POST', '/v1/moderations']));
    expect(requests.map(framesOf).flat().sort()).toEqual(['f10', 'f20', 'f30', 'f40', 'f50']);
    expect(requests[0]?.headers.authorization).toBe('Bearer sk-test');
    expect(requests[0]?.body).toMatchObject({ model: 'omni-moderation-latest' });
  });

  it('retries rate limiting and server errors, honouring Retry-After', async () => {
    let calls = 0;
    const classifier = await classifierFor((request) => {
      calls += 1;
      if (calls === 1) return { status: 429, headers: { 'retry-after': '0' }, body: { error: { message: 'slow down' } } };
      if (calls === 2) return { status: 503, body: { error: { message: 'overloaded' } } };
      return moderations(request);
    }, { imagesPerRequest: 1, concurrency: 1 });
    expect((await classifier.classify(frames('f7'), signal))[0]?.porn).toBe(0.07);
    expect(calls).toBe(3);
  });

  it('gives up on a backend that stays unavailable with a retryable error', async () => {
    const classifier = await classifierFor(() => ({ status: 502, body: {} }), { retries: 1 });
    await expect(classifier.classify(frames('f1'), signal)).rejects.toEqual(expect.objectContaining({ code: 'moderation_backend_unavailable' }));
    await expect(classifier.classify(frames('f1'), signal)).rejects.toBeInstanceOf(RetryableError);
    expect(server?.requests).toHaveLength(4);
  });

  it('fails permanently, without retrying, when the backend refuses the request', async () => {
    const classifier = await classifierFor(() => ({ status: 400, body: { error: { message: 'image too large' } } }));
    const failure = classifier.classify(frames('f1'), signal);
    await expect(failure).rejects.toBeInstanceOf(PermanentError);
    // The backend's own words are the cause, for the log; the client reads only the status.
    await expect(failure).rejects.toMatchObject({
      code: 'moderation_backend_rejected',
      message: 'The moderation model service refused the frames (HTTP 400)',
      cause: { message: expect.stringContaining('image too large') },
    });
    expect(server?.requests).toHaveLength(1);
  });

  it('times out a backend that does not answer', async () => {
    const classifier = await classifierFor(() => 'hang', { timeoutMs: 300, retries: 0 });
    await expect(classifier.classify(frames('f1'), signal)).rejects.toMatchObject({ code: 'moderation_backend_unavailable', message: expect.stringContaining('no answer within 300 ms') });
  });

  it('refuses a server that merges several images into one result', async () => {
    const classifier = await classifierFor(() => ({ body: { results: [resultFor('f1')] } }));
    await expect(classifier.classify(frames('f1', 'f2'), signal)).rejects.toMatchObject({ message: expect.stringContaining('MODERATION_OPENAI_IMAGES_PER_REQUEST=1') });
  });
});

describe('RateLimiter', () => {
  it('lets a burst of a second through, then paces requests to the rate', async () => {
    const limiter = new RateLimiter(1_200); // 20 a second
    const started = performance.now();
    for (let i = 0; i < 20; i++) await limiter.take(signal);
    expect(performance.now() - started).toBeLessThan(100);
    for (let i = 0; i < 10; i++) await limiter.take(signal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
  });
});
