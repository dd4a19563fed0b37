import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { executeCommand } from '@jetjobs/event-store';
import type { JobCommand } from '@jetjobs/job-domain';
import { jsonPost, startTestGateway, type TestGateway } from '../../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../../testing/test-registry';

const CLEAN = { is_prohibited: false, categories: { nsfw: false, ai_adult_general: false, underage: false, custom: {} } };

// GET /api/v1/job/:id/progress followed by a real EventSource client, as the JavaScript example
// of seeds/moderation-progress.txt follows it.
describe('moderation API: progress stream (SSE)', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway('gwmodclient');
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    token = gw.token(['moderate:video', 'job:read']);
  }, 30_000);
  afterAll(async () => {
    await gw?.close();
    await registry?.close();
  });

  const submit = async (): Promise<string> => {
    const response = await gw.request('/api/v1/moderate/video', jsonPost({ video_url: 'https://93.184.215.14/v.mp4' }, token));
    return ((await response.json()) as { job_id: string }).job_id;
  };
  const worker = (jobId: string) => {
    const run = (command: JobCommand) => executeCommand(gw.events.store, { jobId }, command, { correlationId: randomUUID(), causationId: null });
    return {
      start: () => run({ type: 'StartJob', data: { workerId: 'moderation-1' } }),
      frames: (done: number, total: number, detail: string | null = null) =>
        run({ type: 'ReportProgress', data: { attempt: 1, progress: Math.round((done / total) * 100), detail, framesCompleted: done, frameCount: total } }),
      complete: (result: unknown) => run({ type: 'CompleteJob', data: { attempt: 1, result } }),
    };
  };
  const progressUrl = (jobId: string) => `${gw.url}/api/v1/job/${jobId}/progress`;

  describe('with the eventsource client', () => {
    /**
     * The `eventsource` package in a plain Node process, used as the seed's JavaScript example uses
     * EventSource: it prints each connected/progress event and closes at progress 100, then, given
     * SSE_JOB_URL, reads the job at once and prints it. (The package is ESM-only, which Jest's
     * CommonJS runtime cannot load.) Lines are read as they come, so the test can act as the
     * worker once `connected` has arrived.
     */
    const CLIENT = `
      import { EventSource } from 'eventsource';
      const { SSE_URL, SSE_TOKEN, SSE_JOB_URL } = process.env;
      const fetchWithAuth = (input, init) => fetch(input, { ...init, headers: { ...init.headers, Authorization: 'Bearer ' + SSE_TOKEN } });
      const source = new EventSource(SSE_URL, SSE_TOKEN ? { fetch: fetchWithAuth } : {});
      const print = (line) => process.stdout.write(JSON.stringify(line) + String.fromCharCode(10));
      const readJob = async () => {
        const response = await fetch(SSE_JOB_URL, { headers: { Authorization: 'Bearer ' + SSE_TOKEN } });
        print({ type: 'job', data: await response.json() });
      };
      for (const type of ['connected', 'progress']) {
        source.addEventListener(type, (event) => {
          const data = JSON.parse(event.data);
          print({ type, data });
          if (data.progress >= 100) {
            source.close();
            if (SSE_JOB_URL) void readJob();
          }
        });
      }
      source.onerror = (error) => { print({ type: 'error', message: String(error.message) }); source.close(); };
    `;
    type ClientLine = { type: string; data?: { progress: number } & Record<string, unknown>; message?: string };

    const runClient = (url: string, bearer: string | null, jobUrl = '') => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', CLIENT], {
        cwd: resolve(__dirname, '../../../../..'),
        env: { ...process.env, SSE_URL: url, SSE_TOKEN: bearer ?? '', SSE_JOB_URL: jobUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const next = async (): Promise<ClientLine> => {
        const line = await lines.next();
        if (line.done) throw new Error(`the eventsource client exited early: ${stderr}`);
        return JSON.parse(line.value) as ClientLine;
      };
      /** Every line until the client exits, which it does once the stream is closed. */
      const all = async (): Promise<ClientLine[]> => {
        const seen: ClientLine[] = [];
        for (let line = await lines.next(); !line.done; line = await lines.next()) seen.push(JSON.parse(line.value) as ClientLine);
        return seen;
      };
      return { child, next, all };
    };

    it('receives connected then progress events with an Authorization header', async () => {
      const jobId = await submit();
      const client = runClient(progressUrl(jobId), token);
      try {
        expect(await client.next()).toEqual({ type: 'connected', data: { job_id: jobId, status: 'queued', progress: 0 } });
        const w = worker(jobId);
        await w.start();
        await w.frames(27, 45);
        await w.complete(CLEAN);
        expect((await client.all()).map((e) => [e.type, e.data?.['status'], e.data?.progress])).toEqual([
          ['progress', 'processing', 0],
          ['progress', 'processing', 60],
          ['progress', 'completed', 100],
        ]);
      } finally {
        client.child.kill();
      }
    });

    it('follows the seed example: closes at progress >= 100, reads the job at once, and finds the verdict', async () => {
      const jobId = await submit();
      const client = runClient(progressUrl(jobId), token, `${gw.url}/api/v1/job/${jobId}`);
      try {
        expect((await client.next()).type).toBe('connected');
        const w = worker(jobId);
        await w.start();
        // The worker reports its last frame, then takes a while over the verdict (a long video).
        await w.frames(45, 45);
        let lastFrame = await client.next();
        while (lastFrame.data?.['frames_completed'] !== 45) lastFrame = await client.next();
        // A client told 100 has stopped listening and reads the job before the verdict exists.
        const early = (lastFrame.data?.progress ?? 0) >= 100 ? [await client.next()] : [];
        await w.complete({ ...CLEAN, is_prohibited: true, categories: { ...CLEAN.categories, nsfw: true } });
        const lines = [lastFrame, ...early, ...(await client.all())];
        expect(lines.map((line) => [line.type, line.data?.['status'], line.data?.progress])).toEqual([
          ['progress', 'processing', 99],
          ['progress', 'completed', 100],
          ['job', 'completed', undefined],
        ]);
        expect(lines.at(-1)?.data).toMatchObject({ job_id: jobId, status: 'completed', is_prohibited: true, completed_at: expect.any(String) });
      } finally {
        client.child.kill();
      }
    });

    it('works with ?access_token= for browsers, and sees a finished job at once', async () => {
      const jobId = await submit();
      await worker(jobId).start();
      await worker(jobId).complete(CLEAN);
      const client = runClient(`${progressUrl(jobId)}?access_token=${gw.streamToken(jobId)}`, null);
      try {
        expect(await client.all()).toEqual([{ type: 'connected', data: { job_id: jobId, status: 'completed', progress: 100 } }]);
      } finally {
        client.child.kill();
      }
    });
  });
});
