import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JobEvent } from '@jetjobs/contracts';
import { publishWorkItem } from '@jetjobs/event-store';
import { openTestEventStore, submitTestJob, waitForJobEvent, type TestEventStore } from '@jetjobs/testing';
import { AttemptFailure, startWorker, type Worker } from '@jetjobs/worker-runtime';
import { postJson, type RemoteEndpoint } from './remote-endpoint';

/** What an upstream error body may hold that no client should ever read. */
const SECRET = 'Traceback at /srv/whisper/app.py: token sk-live-7f3a9c rejected by stt-gpu-3.internal';

describe('remote model service failures as the client reads them (server on 127.0.0.1, real NATS)', () => {
  let ctx: TestEventStore;
  let worker: Worker;
  let server: Server;
  let endpoint: RemoteEndpoint;
  let host: string;
  let status = 500;
  const logged: unknown[] = [];

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(SECRET);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    endpoint = { baseUrl: `http://${host}/v1`, apiKey: 'stt-key', model: 'whisper-1', timeoutMs: 2_000 };
    ctx = await openTestEventStore('clipupstream');
    worker = await startWorker({
      store: ctx.store,
      kind: 'clipper',
      ackWaitMs: 5_000,
      handler: ({ signal }) => postJson(endpoint, '/audio/transcriptions', { model: 'whisper-1' }, signal, 'transcription service'),
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
    const job = await submitTestJob(ctx.store, { kind: 'clipper', input: {} });
    await publishWorkItem(ctx.store.js, ctx.names, { jobId: job.jobId, kind: job.kind, attempt: 1 });
    const events: JobEvent[] = await waitForJobEvent(ctx.store, job.jobId, (e) => e.type === 'JobAttemptFailed' || e.type === 'JobFailed');
    const logEntry = logged.find((e): e is AttemptFailure => e instanceof AttemptFailure && e.jobId === job.jobId);
    return { error: (events.at(-1)?.data as { error: { code: string; message: string } }).error, log: logEntry?.message ?? '' };
  }

  it('tells the client the status of a failing service, and logs its host and answer with the job id', async () => {
    const { error, log } = await failureOf(500);
    expect(error).toEqual({ code: 'model_unavailable', message: 'The transcription service answered 500; a later attempt may succeed' });
    expect(log).toContain(SECRET);
    expect(log).toContain(host);
  });

  it('keeps a refusal\'s answer from the client too', async () => {
    const { error, log } = await failureOf(401);
    expect(error.code).toBe('model_refused');
    expect(error.message).not.toContain(host);
    expect(error.message).not.toContain('sk-live');
    expect(error.message).toBe('The transcription service refused the request (401)');
    expect(log).toContain(SECRET);
  });
});
