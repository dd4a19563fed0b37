import { randomUUID } from 'node:crypto';
import type { JobView } from '@jetjobs/contracts';
import { executeCommand } from '@jetjobs/event-store';
import { errorOf, jsonPost, startTestGateway, type TestGateway } from '../../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../../testing/test-registry';

const ID = /^[a-z0-9]{1,16}$/;
const VERDICT = { is_prohibited: true, categories: { nsfw: true, custom: {} } };

// `data` as the body a service's own client sends it (seeds/README.md §4): each slug's public
// submit body at POST / and at its own submit path, checked as that route checks it.
describe('async API: the services\' own request bodies', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway('gwasyncbody');
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    token = gw.token(['async:write', 'job:read']);
  }, 30_000);
  afterAll(async () => {
    await gw?.close();
    await registry?.close();
  });

  const create = (slug: string, body: unknown) => gw.request(`/api/v1/services/${slug}/async`, jsonPost(body, token));
  const created = async (slug: string, body: unknown): Promise<string> => {
    const response = await create(slug, body);
    const json = (await response.json()) as Record<string, unknown>;
    expect({ status: response.status, json }).toEqual({ status: 201, json: { id: expect.stringMatching(ID) } });
    return json['id'] as string;
  };
  const refusal = async (slug: string, body: unknown) => errorOf(await create(slug, body));
  const videoUrl = () => `https://93.184.215.14/videos/${randomUUID()}.mp4`;
  /** The one job submitted for a source URL, found where a worker would find it: in the stream. */
  const jobWithSource = async (url: string): Promise<JobView> => {
    const ids: string[] = [];
    for await (const { event } of gw.events.store.replay({ fromSeq: 1 })) {
      const input = event.type === 'JobSubmitted' ? (event.data.input as { source?: { url?: string } }) : null;
      if (input?.source?.url === url) ids.push(event.metadata.jobId);
    }
    expect(ids).toHaveLength(1);
    return (await gw.events.store.load(ids[0]!)).state as JobView;
  };

  it('moderation: {"video_url"} at POST / runs the job, and its output is the verdict', async () => {
    const url = videoUrl();
    const id = await created('moderation', { data: { video_url: url } });
    const job = await jobWithSource(url);
    expect(job).toMatchObject({ kind: 'moderation', status: 'queued', input: { source: { url } }, webhookUrl: null });

    const meta = { correlationId: randomUUID(), causationId: null };
    await executeCommand(gw.events.store, { jobId: job.id }, { type: 'StartJob', data: { workerId: 'm-1' } }, meta);
    await executeCommand(gw.events.store, { jobId: job.id }, { type: 'CompleteJob', data: { attempt: 1, result: VERDICT } }, meta);
    const output = await gw.request(`/api/v1/services/moderation/async/${id}/output`, { token });
    expect(await output.json()).toEqual({ status: 'completed', status_code: 200, raw_output: JSON.stringify(VERDICT), output: VERDICT });
  });

  it('moderation: the body at POST /api/v1/moderate/video, webhook_url included', async () => {
    const url = videoUrl();
    await created('moderation', { data: { video_url: url, webhook_url: 'https://93.184.215.14/hooks/m' }, method: 'post', path: '/api/v1/moderate/video' });
    expect(await jobWithSource(url)).toMatchObject({ kind: 'moderation', input: { source: { url } }, webhookUrl: 'https://93.184.215.14/hooks/m' });
  });

  it('clipper: {"url"} at POST / and at POST /api/process, with the kind\'s defaults', async () => {
    for (const path of [undefined, '/api/process']) {
      const url = videoUrl();
      await created('clipper', { data: { url }, method: 'POST', ...(path === undefined ? {} : { path }) });
      expect(await jobWithSource(url)).toMatchObject({ kind: 'clipper', input: { source: { url }, aspect: 'vertical', burnCaptions: false } });
    }
  });

  it.each([
    ['moderation', { data: { video_url: 'http://169.254.169.254/latest/meta-data' } }, 'data.video_url: 169.254.169.254 is a link-local address'],
    ['moderation', { data: { video_url: 'ftp://93.184.215.14/v.mp4' } }, 'data.video_url: '],
    ['moderation', { data: { video_url: 'https://93.184.215.14/v.mp4', webhook_url: 'http://localhost/hook' } }, 'data.webhook_url: Host "localhost" resolves to a loopback address'],
    ['moderation', { data: { video_url: 42 } }, 'data.video_url: must be a string'],
    ['moderation', { data: { source: { url: 'https://93.184.215.14/v.mp4' } }, path: '/api/v1/moderate/video' }, 'data.video_url: is required'],
    ['clipper', { data: { url: 'http://localhost/v.mp4' } }, 'data.url: Host "localhost" resolves to a loopback address'],
    ['clipper', { data: { link: 'https://93.184.215.14/v.mp4' }, path: '/api/process' }, 'data.url: is required. The clipper takes {"url": "<public http(s) URL of the video>"}'],
    ['clipper', { data: { url: ['https://93.184.215.14/v.mp4'] } }, 'data.url: must be a string'],
  ])('%s: refuses a body its own route would refuse, with 400 naming the field (%j)', async (slug, body, message) => {
    const error = await refusal(slug, body);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.message).toContain(message);
  });

  it('says at POST / that the job input is taken too, when the body is neither', async () => {
    expect((await refusal('clipper', { data: {} })).message).toBe(
      'data.url: is required. The clipper takes {"url": "<public http(s) URL of the video>"}; or give the job input as data.source ({"source": {"url": "<public http(s) URL>"}})',
    );
  });

  it.each([
    ['moderation', '/v2/predict', 'path: must be "/" or "/api/v1/moderate/video" (moderation serves POST / and POST /api/v1/moderate/video)'],
    ['clipper', '/api/status', 'path: must be "/" or "/api/process" (clipper serves POST / and POST /api/process)'],
    [
      'avf',
      '/api-gateway/avf/infer',
      'path: must be "/" (avf serves POST /; POST /api-gateway/avf/infer takes a multipart file upload, which a JSON body cannot carry: send {"source": {"url": "<public http(s) URL>"}} to POST /)',
    ],
  ])('%s: refuses a path it does not serve with 400 naming the pairs it does', async (slug, path, message) => {
    expect(await refusal(slug, { data: { url: videoUrl() }, path })).toEqual({ status: 400, code: 'validation_failed', message });
  });

  it('refuses a method other than POST, naming the pairs served', async () => {
    expect(await refusal('clipper', { data: { url: videoUrl() }, method: 'PUT', path: '/api/process' })).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'method: must be POST (clipper serves POST / and POST /api/process)',
    });
  });

  it('keeps AVF on the job input: a body without source is refused, one with it runs', async () => {
    expect((await refusal('avf', { data: { url: videoUrl() } })).message).toContain('data.source: ');
    const url = videoUrl();
    await created('avf', { data: { source: { url } }, path: '' });
    expect(await jobWithSource(url)).toMatchObject({ kind: 'avf', input: { source: { url } } });
  });
});
