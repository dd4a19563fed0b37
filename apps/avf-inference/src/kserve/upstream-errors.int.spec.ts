import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JobEvent } from '@jetjobs/contracts';
import { publishWorkItem } from '@jetjobs/event-store';
import { openTestEventStore, submitTestJob, waitForJobEvent, type TestEventStore } from '@jetjobs/testing';
import { AttemptFailure, startWorker, type Worker } from '@jetjobs/worker-runtime';
import { encodeInferRequest } from './oip-codec';
import { OipClient } from './oip-client';

/** What an upstream error body may hold that no client should ever read. */
const SECRET = 'CUDA OOM on triton-gpu-7.internal, model repo s3://models-private/avf token=sk-live-7f3a9c';

describe('model server failures as the client reads them (Open Inference Protocol server on 127.0.0.1, real NATS)', () => {
  let ctx: TestEventStore;
  let worker: Worker;
  let server: Server;
  let client: OipClient;
  let host: string;
  let status = 500;
  const logged: unknown[] = [];

  beforeAll(async () => {
    // The protocol's error answer: `{"error": "…"}` with the status.
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: SECRET }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new OipClient({ url: `http://${host}`, model: 'avf-sync', version: null, token: null, timeoutMs: 2_000, retries: 1, retryBaseDelayMs: 10 });
    const request = encodeInferRequest('r-0', [{ name: 'audio', datatype: 'FP32', shape: [1, 4], data: new Float32Array(4) }], ['forgery_probability'], false);
    ctx = await openTestEventStore('avfupstream');
    worker = await startWorker({
      store: ctx.store,
      kind: 'avf',
      ackWaitMs: 5_000,
      handler: ({ signal }) => client.infer(request, 'forgery_probability', signal),
      onError: (error) => logged.push(error),
    });
  });
  afterAll(async () => {
    await worker?.stop(1_000);
    await ctx?.dispose();
    server?.closeAllConnections();
    server?.close();
  });

  async function failureOf(answer: number): Promise<{ error: { code: string; message: string }; log: string }> {
    status = answer;
    const job = await submitTestJob(ctx.store, { kind: 'avf', input: {} });
    await publishWorkItem(ctx.store.js, ctx.names, { jobId: job.jobId, kind: job.kind, attempt: 1 });
    const events: JobEvent[] = await waitForJobEvent(ctx.store, job.jobId, (e) => e.type === 'JobAttemptFailed' || e.type === 'JobFailed');
    const logEntry = logged.find((e): e is AttemptFailure => e instanceof AttemptFailure && e.jobId === job.jobId);
    return { error: (events.at(-1)?.data as { error: { code: string; message: string } }).error, log: logEntry?.message ?? '' };
  }

  it('tells the client the status of a failing server, and logs its address and answer with the job id', async () => {
    const { error, log } = await failureOf(500);
    expect(error).toEqual({ code: 'inference_unavailable', message: 'The model server is unavailable (HTTP 500); a later attempt may succeed' });
    expect(log).toContain(SECRET);
    expect(log).toContain(host);
  });

  it('keeps a refusal\'s answer from the client too', async () => {
    const { error, log } = await failureOf(400);
    expect(error.code).toBe('inference_rejected');
    expect(error.message).not.toContain(host);
    expect(error.message).not.toContain('triton-gpu-7');
    expect(error.message).toBe('The model server refused the request (HTTP 400)');
    expect(log).toContain(SECRET);
  });
});
