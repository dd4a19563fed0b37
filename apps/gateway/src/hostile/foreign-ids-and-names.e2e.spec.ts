import { randomUUID } from 'node:crypto';
import { Objm } from '@nats-io/obj';
import { mediaOwnerMetadata } from '@jetjobs/contracts';
import type { JobJson } from '@jetjobs/dialects';
import { eventually } from '@jetjobs/testing';
import { jsonPost } from '../testing/test-gateway';
import { mp4Bytes } from '../testing/video-fixtures';
import { dialectOfTarget, problemWith } from './error-body';
import { ALL_SCOPES, SEEDED_CLIP, startHostileStack, type HostileStack, type SeededJobs } from './hostile-stack';
import { HOSTILE_FILENAMES } from './multipart-arbitraries';
import { rawRequest } from './raw-http';

/** Every scope a project member may hold; `admin` is left out, since it reaches across projects by design. */
const MEMBER_SCOPES = ALL_SCOPES.filter((scope) => scope !== 'admin');

// Another project's job ids on every route of every API, and hostile file names in uploads and
// media paths.
describe('foreign job ids and hostile names', () => {
  let stack: HostileStack;
  let own: SeededJobs;
  let foreign: SeededJobs;
  let token: string;

  beforeAll(async () => {
    stack = await startHostileStack('gwforeign');
    // Foreign first: once the caller's own jobs are in a projection, the foreign ones were offered to it too.
    foreign = await stack.seedJobs('project-b');
    own = await stack.seedJobs('project-a');
    token = stack.gw.token(MEMBER_SCOPES, 'project-a');
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  /** Each route that names a job, with the id it takes from a set of seeded jobs. */
  const ROUTES: readonly (readonly [string, string, (jobs: SeededJobs) => string])[] = [
    ['GET', '/v1/jobs/{}', (j) => j.native],
    ['GET', '/v1/jobs/{}', (j) => j.moderation],
    ['POST', '/v1/jobs/{}/cancel', (j) => j.avf],
    ['POST', '/v1/jobs/{}/retry', (j) => j.clipper],
    ['POST', '/v1/jobs/{}/stream-token', (j) => j.native],
    ['GET', '/v1/jobs/{}/events', (j) => j.native],
    ['GET', '/v1/jobs/{}/webhook-deliveries', (j) => j.moderation],
    ['GET', '/api-gateway/avf/status/{}', (j) => j.avf],
    ['GET', '/api/status/{}', (j) => j.clipper],
    ['GET', `/videos/{}/${SEEDED_CLIP}`, (j) => j.clipper],
    ['GET', '/api/v1/job/{}', (j) => j.moderation],
    ['GET', '/api/v1/job/{}/progress', (j) => j.moderation],
    ['GET', '/api/v1/services/clipper/async/{}/output', (j) => j.asyncId],
  ];
  const call = (method: string, path: string) =>
    rawRequest(stack.gw.url, {
      method,
      target: path,
      headers: [['Authorization', `Bearer ${token}`], ...(method === 'POST' ? ([['Content-Type', 'application/json'], ['Content-Length', '2']] as [string, string][]) : [])],
      body: method === 'POST' ? '{}' : undefined,
      timeoutMs: 5_000,
    });

  it.each(ROUTES)('%s %s: another project\'s job is as unknown as one that never existed', async (method, template, pick) => {
    const foreignId = pick(foreign);
    const unknownId = template.includes('/async/') ? 'zz9unknown' : randomUUID();
    const [theirs, nobodys] = await Promise.all([call(method, template.replace('{}', foreignId)), call(method, template.replace('{}', unknownId))]);
    expect(problemWith(theirs, dialectOfTarget(template))).toBeNull();
    expect(theirs.status).toBe(404);
    const text = theirs.body.toString('utf8');
    // Indistinguishable from a miss: same status, code and message but for the id the caller sent.
    expect(text.split(foreignId).join('<id>')).toBe(nobodys.body.toString('utf8').split(unknownId).join('<id>'));
    expect(text).not.toContain('project-b');
    expect(theirs.headers['content-disposition']).toBeUndefined();
  });

  it('answers the same routes for the caller\'s own jobs, so the 404s above are about ownership', async () => {
    for (const [method, template, pick] of ROUTES.filter(([method]) => method === 'GET')) {
      const response = await call(method, template.replace('{}', pick(own)));
      expect([template, response.status]).toEqual([template, 200]);
    }
  });

  it('lists none of another project\'s jobs, on either list', async () => {
    // Lists are projections: wait until both hold the caller's own jobs, seeded after the foreign ones.
    const listed = await eventually(async () => {
      const native = (await (await stack.gw.request('/v1/jobs?limit=100', { token })).json()) as { items: JobJson[] };
      const moderation = (await (await stack.gw.request('/api/v1/jobs?limit=100', { token })).json()) as { jobs: { job_id: string }[] };
      const text = JSON.stringify([native, moderation]);
      return text.includes(own.moderation) && text.includes(own.native) ? text : undefined;
    }, 10_000);
    for (const id of Object.values(foreign)) expect(listed).not.toContain(id);
  });

  describe("another project's stored objects", () => {
    const uploadObjectOf = async (jobId: string, projectId: string) => {
      const job = (await (await stack.gw.request(`/v1/jobs/${jobId}`, { token: stack.gw.token(['job:read'], projectId) })).json()) as JobJson;
      return (job.input as { source: { upload: { object: string } } }).source.upload.object;
    };
    const submitWith = (kind: string, object: string) =>
      stack.gw.request('/v1/jobs', jsonPost({ kind, input: { source: { upload: { object, filename: 'x.mp4', size: 1, contentType: 'video/mp4' } } } }, token));
    const messageFor = async (response: Response, object: string) => {
      const body = (await response.json()) as { error: { code: string; message: string } };
      return { status: response.status, code: body.error.code, message: body.error.message.split(object).join('<object>') };
    };

    it.each([
      ['moderation', "another project's upload", () => uploadObjectOf(foreign.avf, 'project-b')],
      ['clipper', "another project's rendered clip", async () => `clips/${foreign.clipper}/${SEEDED_CLIP}`],
      ['avf', "the caller's own rendered clip (an output, not an upload)", async () => `clips/${own.clipper}/${SEEDED_CLIP}`],
    ])('refuses a %s job naming %s, exactly like a name that does not exist', async (kind, _what, pick) => {
      const object = await pick();
      const missing = `uploads/${randomUUID()}/x.mp4`;
      const [theirs, nobodys] = await Promise.all([submitWith(kind, object), submitWith(kind, missing)]);
      const refused = await messageFor(theirs, object);
      expect(refused).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(refused.message).toMatch(/not an upload of this project/);
      expect(refused).toEqual(await messageFor(nobodys, missing));
    });

    it("accepts the caller's own upload, so the refusals above are about ownership", async () => {
      const response = await submitWith('moderation', await uploadObjectOf(own.avf, 'project-a'));
      expect(response.status).toBe(202);
    });

    it("serves no file under the caller's job name that records another project as its owner", async () => {
      const bucket = await new Objm(stack.gw.events.nc).open(stack.gw.events.names.mediaBucket);
      const planted = mediaOwnerMetadata({ projectId: 'project-b', jobId: foreign.clipper, purpose: 'output' });
      await bucket.putBlob({ name: `clips/${own.clipper}/planted.mp4`, metadata: planted }, mp4Bytes(1024));
      expect((await call('GET', `/videos/${own.clipper}/planted.mp4`)).status).toBe(404);
      expect((await call('GET', `/videos/${own.clipper}/${SEEDED_CLIP}`)).status).toBe(200);
    });
  });

  it.each(HOSTILE_FILENAMES.filter((name) => name.trim() !== ''))('stores the upload %j under a name safe to show and to put in a header', async (name) => {
    const boundary = 'names';
    const body = Buffer.concat([
      // RFC 5987 encoding: the only way control characters survive into a part header.
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(name).replace(/'/g, '%27')}\r\nContent-Type: video/mp4\r\n\r\n`),
      Buffer.from(mp4Bytes(2048)),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await stack.gw.request('/api-gateway/avf/infer', { method: 'POST', body, token, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(response.status).toBe(202);
    const envelope = (await response.json()) as { data: { metadata: { request_id: string; source_filename: string } } };
    const job = (await (await stack.gw.request(`/v1/jobs/${envelope.data.metadata.request_id}`, { token })).json()) as JobJson;
    const upload = (job.input as { source: { upload: { object: string; filename: string } } }).source.upload;
    const objectName = upload.object.split('/').pop()!;
    expect(objectName).toMatch(/^[\x20-\x7e]+$/);
    expect(decodeURIComponent(objectName)).toBe(upload.filename);
    for (const stored of [upload.filename, envelope.data.metadata.source_filename]) {
      expect(stored).toBe(upload.filename);
      expect(stored).not.toMatch(/[\p{Cc}\p{Cf}/\\"'%]/u);
      expect(stored).not.toMatch(/^\.|\.\./);
      expect([...stored].length).toBeLessThanOrEqual(120);
    }
    expect(upload.object).toMatch(/^uploads\/[0-9a-f-]{36}\/[^/]+$/);
  });

  it.each([
    ['a quote', 'x%22.mp4'],
    ['CR LF and a header', 'a%0d%0aX-Injected:%201.mp4'],
    ['a NUL byte', 'clip_1.mp4%00'],
    ['a right-to-left override', 'evil%E2%80%AEgpj.mp4'],
    ['unicode', '%F0%9F%98%80.mp4'],
    ['an overlong name', `${'a'.repeat(5_000)}.mp4`],
    ['an encoded traversal', '..%2F..%2Fuploads'],
    ['a backslash traversal', '..%5Cclip_1.mp4'],
  ])('answers a media path with %s with 404 and no header built from it', async (_case, file) => {
    const response = await call('GET', `/videos/${own.clipper}/${file}`);
    expect(problemWith(response, 'native')).toBeNull();
    expect(response.status).toBe(404);
    expect(response.headers['x-injected']).toBeUndefined();
    expect(response.headers['content-disposition']).toBeUndefined();
  });

  it('names a served file in Content-Disposition without CR, LF or an unescaped quote', async () => {
    const response = await call('GET', `/videos/${own.clipper}/${SEEDED_CLIP}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe(`inline; filename="${SEEDED_CLIP}"`);
  });
});
