import { PermanentError } from '@jetjobs/worker-runtime';
import { startMockJsonServer, type MockAnswer, type MockJsonServer, type RecordedRequest } from '../../testing/mock-json-server';
import { createKserveClassifier, type KserveOptions } from './kserve-classifier';
import { RateLimiter } from './rate-limiter';

type InferRequest = { inputs: Array<{ name: string; shape: number[]; datatype: string; data: unknown[] }>; outputs: Array<{ name: string }> };
const LABELS = ['drawing', 'hentai', 'neutral', 'porn', 'sexy'];
const pixelsModel = { name: 'nsfw', platform: 'tensorflow_savedmodel', inputs: [{ name: 'images', datatype: 'FP32', shape: [-1, 4, 2, 3] }], outputs: [{ name: 'probs', datatype: 'FP32', shape: [-1, 5] }] };
const bytesModel = { ...pixelsModel, inputs: [{ name: 'image_bytes', datatype: 'BYTES', shape: [-1] }] };

/** Open Inference Protocol server: ready, the given metadata, and probabilities from the batch size. */
function openInference(metadata: unknown, overrides: { ready?: number; probabilities?: (batch: number) => number[] } = {}) {
  return (request: RecordedRequest): MockAnswer => {
    if (request.path === '/v2/health/ready') return { status: overrides.ready ?? 200, body: {} };
    if (request.method === 'GET' && request.path === '/v2/models/nsfw') return { body: metadata };
    if (request.method === 'POST' && request.path === '/v2/models/nsfw/infer') {
      const batch = (request.body as InferRequest).inputs[0]?.shape[0] ?? 0;
      const data = overrides.probabilities?.(batch) ?? Array.from({ length: batch }, (_, i) => [0.05, 0.05, 0.3, 0.5 + i / 10, 0.1 - i / 10]).flat();
      return { body: { model_name: 'nsfw', outputs: [{ name: 'probs', datatype: 'FP32', shape: [batch, 5], data }] } };
    }
    return { status: 404, body: { error: `no route ${request.method} ${request.path}` } };
  };
}

let server: MockJsonServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
const signal = new AbortController().signal;

async function classifierFor(respond: (request: RecordedRequest) => MockAnswer, options: Partial<KserveOptions> = {}) {
  server = await startMockJsonServer(respond);
  return createKserveClassifier({ baseUrl: server.url, model: 'nsfw', labels: LABELS, batchSize: 8, limiter: new RateLimiter(60_000), timeoutMs: 2_000, retries: 0, ...options });
}

describe('KServe v2 / Open Inference Protocol adapter (mock server on 127.0.0.1)', () => {
  it('checks readiness and reads the model metadata at start-up, then infers on pixel tensors', async () => {
    const classifier = await classifierFor(openInference(pixelsModel));
    expect(server?.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v2/health/ready', 'GET /v2/models/nsfw']);
    // Frames are decoded at the model's own input size.
    expect(classifier.format).toEqual({ kind: 'rgb', width: 2, height: 4 });

    const rgb = (value: number) => Buffer.alloc(4 * 2 * 3, value);
    const scores = await classifier.classify([rgb(255), rgb(51)], signal);
    expect(scores).toEqual([
      { hentai: 0.05, porn: 0.5, sexy: 0.1 },
      { hentai: 0.05, porn: 0.6, sexy: expect.closeTo(0, 5) },
    ]);
    const infer = server?.requests[2]?.body as InferRequest;
    expect(infer.outputs).toEqual([{ name: 'probs' }]);
    expect(infer.inputs[0]).toMatchObject({ name: 'images', datatype: 'FP32', shape: [2, 4, 2, 3] });
    // FP32 pixels are scaled to 0–1.
    expect(infer.inputs[0]?.data).toHaveLength(48);
    expect(infer.inputs[0]?.data.slice(23, 25)).toEqual([1, 0.2]);
  });

  it('sends encoded images to a model that takes BYTES', async () => {
    const classifier = await classifierFor(openInference(bytesModel));
    expect(classifier.format).toEqual({ kind: 'jpeg', maxSide: 512 });
    await classifier.classify([Buffer.from('jpeg-1')], signal);
    expect((server?.requests[2]?.body as InferRequest).inputs[0]).toEqual({ name: 'image_bytes', datatype: 'BYTES', shape: [1], data: [Buffer.from('jpeg-1').toString('base64')] });
  });

  it('refuses to start against a server that is not ready, or a model that does not take images', async () => {
    await expect(classifierFor(openInference(pixelsModel, { ready: 503 }))).rejects.toMatchObject({ message: expect.stringContaining('answered HTTP 503') });
    await server?.close();
    const textModel = { ...pixelsModel, inputs: [{ name: 'text', datatype: 'INT64', shape: [-1, 128] }] };
    await expect(classifierFor(openInference(textModel))).rejects.toThrow('input "text" is INT64 [-1,128]: expected BYTES, or pixels');
  });

  it('fails permanently when the model answers a shape other than one row per frame', async () => {
    const classifier = await classifierFor(openInference(pixelsModel, { probabilities: () => [0.1, 0.9] }));
    const failure = classifier.classify([Buffer.alloc(24)], signal);
    await expect(failure).rejects.toBeInstanceOf(PermanentError);
    await expect(failure).rejects.toMatchObject({ message: 'The model answered 2 values for 1 frames × 5 labels' });
  });
});
