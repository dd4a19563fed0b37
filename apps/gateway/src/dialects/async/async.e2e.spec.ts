import { randomUUID } from 'node:crypto';
import type { JobView } from '@jetjobs/contracts';
import { executeCommand } from '@jetjobs/event-store';
import type { JobCommand } from '@jetjobs/job-domain';
import { errorOf, jsonPost, startTestGateway, type TestGateway } from '../../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../../testing/test-registry';

const ID = /^[a-z0-9]{1,16}$/;
const VIDEO = { source: { url: 'https://93.184.215.14/videos/talk.mp4' } };
const VERDICT = { is_prohibited: false, categories: { nsfw: false, ai_adult_general: false, underage: false, custom: {} } };

// The async request/output API of seeds/async-output.txt on the built-in services, against the
// real job-registry; the worker's part is played through the real decider and event store.
describe('async API', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway('gwasync');
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    token = gw.token(['async:write', 'job:read']);
  }, 30_000);
  afterAll(async () => {
    await gw?.close();
    await registry?.close();
  });

  const create = (slug: string, body: unknown, bearer = token) => gw.request(`/api/v1/services/${slug}/async`, jsonPost(body, bearer));
  const created = async (slug: string, body: unknown): Promise<string> => {
    const response = await create(slug, body);
    const json = (await response.json()) as Record<string, unknown>;
    expect({ status: response.status, json }).toEqual({ status: 201, json: { id: expect.stringMatching(ID) } });
    return json['id'] as string;
  };
  const output = async (slug: string, id: string, bearer = token) => {
    const response = await gw.request(`/api/v1/services/${slug}/async/${id}/output`, { token: bearer });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  /** A source URL no other request uses, to find the request's job by. */
  const uniqueSource = () => ({ source: { url: `https://93.184.215.14/videos/${randomUUID()}.mp4` } });
  /** The job submitted for a source URL, found where a worker would find it: in the stream. */
  const jobWithSource = async (url: string): Promise<JobView> => {
    const ids: string[] = [];
    for await (const { event } of gw.events.store.replay({ fromSeq: 1 })) {
      const input = event.type === 'JobSubmitted' ? (event.data.input as { source?: { url?: string } }) : null;
      if (input?.source?.url === url) ids.push(event.metadata.jobId);
    }
    expect(ids).toHaveLength(1);
    return (await gw.events.store.load(ids[0]!)).state as JobView;
  };
  const worker = (jobId: string) => {
    const run = (command: JobCommand) => executeCommand(gw.events.store, { jobId }, command, { correlationId: randomUUID(), causationId: null });
    return {
      start: () => run({ type: 'StartJob', data: { workerId: 'async-1' } }),
      complete: (result: unknown) => run({ type: 'CompleteJob', data: { attempt: 1, result } }),
      fail: (message: string) => run({ type: 'FailJob', data: { error: { code: 'inference_failed', message } } }),
      cancel: (reason: string | null) => run({ type: 'RequestCancel', data: { reason } }),
    };
  };

  it('creates a request with 201 {id} and runs the slug built-in kind with data as its input', async () => {
    const video = uniqueSource();
    await created('moderation', { data: video, method: 'POST', path: '/' });
    const moderation = await jobWithSource(video.source.url);
    expect(moderation).toMatchObject({ kind: 'moderation', projectId: 'project-a', status: 'queued', input: video });

    const clip = { ...uniqueSource(), aspect: 'original' };
    await created('clipper', { data: clip });
    // The kind's defaults are filled in, as its worker will read them.
    expect(await jobWithSource(clip.source.url)).toMatchObject({ kind: 'clipper', input: { ...clip, burnCaptions: false } });
    const avf = { ...uniqueSource(), sequenceLength: 30 };
    await created('avf', { data: avf });
    expect(await jobWithSource(avf.source.url)).toMatchObject({ kind: 'avf', input: avf });
  });

  it('reports pending, in_progress, then completed with status_code 200, raw_output and output', async () => {
    const video = uniqueSource();
    const id = await created('moderation', { data: video });
    expect(await output('moderation', id)).toEqual({ status: 200, body: { status: 'pending' } });

    const job = await jobWithSource(video.source.url);
    await worker(job.id).start();
    expect(await output('moderation', id)).toEqual({ status: 200, body: { status: 'in_progress' } });

    await worker(job.id).complete(VERDICT);
    const { body } = await output('moderation', id);
    expect(body).toEqual({ status: 'completed', status_code: 200, raw_output: JSON.stringify(VERDICT), output: VERDICT });
    expect(Object.keys(body)).toEqual(['status', 'status_code', 'raw_output', 'output']);
    expect(typeof body['raw_output']).toBe('string');
  });

  it('reports a failed job as failed with status_code 500 and fail_reason, and a cancelled one as failed too', async () => {
    const clip = uniqueSource();
    const failedId = await created('clipper', { data: clip });
    const failed = await jobWithSource(clip.source.url);
    await worker(failed.id).start();
    await worker(failed.id).fail('The transcription model is not reachable');
    expect((await output('clipper', failedId)).body).toEqual({
      status: 'failed',
      status_code: 500,
      raw_output: JSON.stringify({ error: { code: 'inference_failed', message: 'The transcription model is not reachable' } }),
      output: { error: { code: 'inference_failed', message: 'The transcription model is not reachable' } },
      fail_reason: 'The transcription model is not reachable',
    });

    const video = uniqueSource();
    const cancelledId = await created('avf', { data: video });
    await worker((await jobWithSource(video.source.url)).id).cancel('superseded');
    expect((await output('avf', cancelledId)).body).toMatchObject({ status: 'failed', status_code: 500, fail_reason: 'The request was cancelled: superseded' });
  });

  it('answers 404 for an unknown slug, an unknown id, a malformed id, another project and another slug', async () => {
    const id = await created('moderation', { data: VIDEO });
    expect(await errorOf(await create('translate', { data: {} }))).toEqual({ status: 404, code: 'not_found', message: 'No service "translate": use one of avf, moderation, clipper' });
    expect((await errorOf(await gw.request(`/api/v1/services/translate/async/${id}/output`, { token }))).status).toBe(404);
    for (const unknown of ['zzzzzzzzzzzz', id.toUpperCase(), `${id}00000000000000000`, 'a-b']) {
      expect((await output('moderation', unknown)).status).toBe(404);
    }
    expect(await output('moderation', id, gw.token(['job:read'], 'project-b'))).toEqual({ status: 404, body: { error: { code: 'not_found', message: expect.any(String) } } });
    expect((await output('clipper', id)).status).toBe(404);
  });

  it.each([
    ['no data', { method: 'POST' }, 'data: is required'],
    ['data that is not the kind input', { data: { url: 'https://93.184.215.14/v.mp4' } }, 'data.source'],
    ['a source URL with a bad scheme', { data: { source: { url: 'ftp://93.184.215.14/v.mp4' } } }, 'data.source.url'],
    ['a private source URL', { data: { source: { url: 'http://169.254.169.254/latest/meta-data' } } }, 'data.source.url: 169.254.169.254 is a link-local address'],
    ['a source URL on localhost', { data: { source: { url: 'http://localhost/v.mp4' } } }, 'data.source.url: Host "localhost" resolves to a loopback address'],
    ['an upload reference', { data: { source: { upload: { object: 'uploads/x/v.mp4', filename: 'v.mp4', size: 1, contentType: 'video/mp4' } } } }, 'data.source.upload: not accepted here'],
    ['a method the service does not take', { data: VIDEO, method: 'GET' }, 'method: must be POST'],
    ['a path the service does not have', { data: VIDEO, path: '/v2/predict' }, 'path: must be "/"'],
  ])('refuses %s with 400 naming the field', async (_case, body, message) => {
    const error = await errorOf(await create('moderation', body));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.message).toContain(message);
  });

  it('refuses malformed JSON with 400 and a body that is not JSON with 415', async () => {
    const malformed = await gw.request('/api/v1/services/moderation/async', { ...jsonPost(null, token), body: '{"data": ' });
    expect(await errorOf(malformed)).toMatchObject({ status: 400, code: 'malformed_json' });
    const form = await gw.request('/api/v1/services/moderation/async', { method: 'POST', token, headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect(await errorOf(form)).toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });

  it('needs a bearer token: 401 without, 403 without async:write to create or job:read to read', async () => {
    const id = await created('moderation', { data: VIDEO });
    expect((await errorOf(await gw.request('/api/v1/services/moderation/async', jsonPost({ data: VIDEO })))).status).toBe(401);
    expect(await errorOf(await create('moderation', { data: VIDEO }, gw.token(['job:read'])))).toMatchObject({ status: 403, code: 'forbidden', message: expect.stringContaining('async:write') });
    expect(await output('moderation', id, gw.token(['async:write']))).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
  });

});
