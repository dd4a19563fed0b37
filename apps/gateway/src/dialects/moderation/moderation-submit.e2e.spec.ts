import { Objm } from '@nats-io/obj';
import type { JobView } from '@jetjobs/contracts';
import { fileForm, mp4Bytes, pngBytes } from '../../testing/video-fixtures';
import { jsonPost, startTestGateway, type TestGateway } from '../../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../../testing/test-registry';

// POST /api/v1/moderate/video as the seed documents it (seeds/README.md §3), against the real
// job-registry. Public URLs are literal public addresses, so no test depends on outside DNS.
describe('moderation API: submit', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway('gwmodsub', { JETJOBS_SOURCE_URL_ALLOWLIST: '10.9.0.0/16' });
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    token = gw.token(['moderate:video']);
  }, 30_000);
  afterAll(async () => {
    await gw?.close();
    await registry?.close();
  });

  const VIDEO_URL = 'https://93.184.215.14/videos/cat.mp4';
  const submitJson = (body: unknown, bearer = token) => gw.request('/api/v1/moderate/video', jsonPost(body, bearer));
  const submitForm = (form: FormData, bearer = token) => gw.request('/api/v1/moderate/video', { method: 'POST', body: form, token: bearer });
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return data;
  };
  const accepted = async (response: Response): Promise<string> => {
    const body = (await response.json()) as Record<string, unknown>;
    expect({ status: response.status, body }).toEqual({ status: 202, body: { job_id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'queued' } });
    return body['job_id'] as string;
  };
  const mediaBucket = () => new Objm(gw.events.nc).open(gw.events.names.mediaBucket);
  const storedObjects = async () => (await (await mediaBucket()).list()).length;
  const stored = async (jobId: string): Promise<JobView> => (await gw.events.store.load(jobId)).state as JobView;
  /** The moderation API's error shape: `{error: {code, message}}` with its uppercase codes. */
  const moderationError = async (response: Response) => {
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(Object.keys(body)).toEqual(['error']);
    return { status: response.status, code: body.error.code, message: body.error.message };
  };

  it('accepts JSON with video_url and webhook_url: 202 {job_id, status: "queued"}, a moderation job', async () => {
    const jobId = await accepted(await submitJson({ video_url: VIDEO_URL, webhook_url: 'https://93.184.215.14/hooks/moderation' }));
    const job = await stored(jobId);
    expect(job).toMatchObject({ kind: 'moderation', projectId: 'project-a', status: 'queued', webhookUrl: 'https://93.184.215.14/hooks/moderation' });
    expect(job.input).toEqual({ source: { url: VIDEO_URL } });
  });

  it('accepts a multipart form with video_url, as the original does', async () => {
    const jobId = await accepted(await submitForm(form({ video_url: VIDEO_URL })));
    expect((await stored(jobId)).input).toEqual({ source: { url: VIDEO_URL } });
  });

  it('accepts an uploaded file in place of video_url (extension), stored in the media bucket', async () => {
    const jobId = await accepted(await submitForm(fileForm(mp4Bytes(4096), 'clip.mp4')));
    const input = (await stored(jobId)).input as { source: { upload: { object: string; filename: string; size: number; contentType: string } } };
    expect(input.source.upload).toEqual({ object: expect.stringMatching(/^uploads\/.+\/clip\.mp4$/), filename: 'clip.mp4', size: 4096, contentType: 'video/mp4' });
    expect((await (await mediaBucket()).info(input.source.upload.object))?.size).toBe(4096);
  });

  it('lets an operator allow internal sources with JETJOBS_SOURCE_URL_ALLOWLIST', async () => {
    const jobId = await accepted(await submitJson({ video_url: 'http://10.9.3.4:8080/v.mp4' }));
    expect((await stored(jobId)).input).toEqual({ source: { url: 'http://10.9.3.4:8080/v.mp4' } });
  });

  it.each([
    ['an ftp: URL', 'ftp://93.184.215.14/v.mp4', 'video_url: URL scheme "ftp" is not supported: use an http:// or https:// URL'],
    ['a file: URL', 'file:///etc/passwd', 'video_url: URL scheme "file" is not supported'],
    ['a javascript: URL', 'javascript:alert(1)', 'video_url: URL scheme "javascript" is not supported'],
    ['text that is not a URL', 'cat.mp4', 'video_url: "cat.mp4" is not a valid URL'],
    ['loopback 127.0.0.1', 'http://127.0.0.1/v.mp4', 'video_url: 127.0.0.1 is a loopback address: only URLs on the public internet are accepted'],
    ['private 10.0.0.1', 'http://10.0.0.1/v.mp4', 'video_url: 10.0.0.1 is a private network address'],
    ['cloud metadata 169.254.169.254', 'http://169.254.169.254/latest/meta-data/', 'video_url: 169.254.169.254 is a link-local address (where cloud metadata services live)'],
    ['IPv6 loopback [::1]', 'http://[::1]:8080/v.mp4', 'video_url: ::1 is a loopback address'],
    ['a name resolving to loopback (localhost)', 'http://localhost:8080/v.mp4', 'video_url: Host "localhost" resolves to a loopback address'],
  ])('refuses %s with 400 INVALID_REQUEST', async (_case, url, message) => {
    expect(await moderationError(await submitJson({ video_url: url }))).toEqual({ status: 400, code: 'INVALID_REQUEST', message: expect.stringContaining(message) });
  });

  it('refuses a private webhook_url the same way', async () => {
    const error = await moderationError(await submitJson({ video_url: VIDEO_URL, webhook_url: 'http://192.168.1.20/hook' }));
    expect(error).toEqual({ status: 400, code: 'INVALID_REQUEST', message: 'webhook_url: 192.168.1.20 is a private network address: only URLs on the public internet are accepted' });
  });

  it('refuses a request with neither video_url nor file, and one with both', async () => {
    const missing = 'video_url: is required (a public http or https URL of the video)';
    expect(await moderationError(await submitJson({}))).toEqual({ status: 400, code: 'INVALID_REQUEST', message: missing });
    expect(await moderationError(await submitJson({ video_url: '  ' }))).toMatchObject({ status: 400, message: missing });
    expect(await moderationError(await submitForm(form({ webhook_url: 'https://93.184.215.14/h' })))).toMatchObject({ status: 400, message: missing });
    const objects = await storedObjects();
    const both = await moderationError(await submitForm(fileForm(mp4Bytes(2048), 'v.mp4', 'video/mp4', { video_url: VIDEO_URL })));
    expect(both).toEqual({ status: 400, code: 'INVALID_REQUEST', message: 'Send either video_url or a file, not both' });
    // The upload of a refused request is removed again.
    expect(await storedObjects()).toBe(objects);
  });

  it('refuses an upload that is not a video, and a field of the wrong type', async () => {
    const image = await moderationError(await submitForm(fileForm(pngBytes(), 'cat.mp4')));
    expect(image).toMatchObject({ status: 400, code: 'INVALID_REQUEST', message: expect.stringContaining('is not a video') });
    const numeric = await moderationError(await submitJson({ video_url: 42 }));
    expect(numeric).toEqual({ status: 400, code: 'INVALID_REQUEST', message: 'video_url: must be a string' });
  });

  it('refuses malformed JSON with 400 and another content type with 415', async () => {
    const malformed = await gw.request('/api/v1/moderate/video', { ...jsonPost(null, token), body: '{"video_url": ' });
    expect(await moderationError(malformed)).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
    const text = await gw.request('/api/v1/moderate/video', { method: 'POST', token, headers: { 'content-type': 'text/plain' }, body: VIDEO_URL });
    expect(await moderationError(text)).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers 401 UNAUTHORIZED without a credential and 403 FORBIDDEN without moderate:video', async () => {
    const anonymous = await gw.request('/api/v1/moderate/video', { ...jsonPost({ video_url: VIDEO_URL }) });
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await moderationError(anonymous)).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    const readOnly = await moderationError(await submitJson({ video_url: VIDEO_URL }, gw.token(['job:read'])));
    expect(readOnly).toEqual({ status: 403, code: 'FORBIDDEN', message: expect.stringContaining('moderate:video') });
  });
});
