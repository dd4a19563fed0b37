import { Client } from 'pg';
import { eventually, testDatabaseUrl } from '@jetjobs/testing';
import { jsonPost } from '../testing/test-gateway';
import { startHostileStack, type HostileStack } from './hostile-stack';

const MAX_DEPTH = 64;
/** `levels` arrays, one inside the other, around a number. */
const nested = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}1${']'.repeat(levels)}`);

// Whatever nesting the gateway accepts must be storable as PostgreSQL jsonb (which gives up near
// 12,000 levels): one event the projector cannot write would hold back every event behind it.
describe('JSON nesting depth', () => {
  let stack: HostileStack;
  let token: string;

  beforeAll(async () => {
    stack = await startHostileStack('gwdepth');
    token = stack.token();
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  // Each body is nested exactly one level more than the bound: `{ … [ … ] }`.
  it.each<[string, string, () => unknown, string]>([
    ['native', '/v1/jobs', () => ({ kind: 'echo', input: { deep: nested(MAX_DEPTH - 1) } }), 'validation_failed'],
    ['moderation', '/api/v1/moderate/video', () => ({ video_url: 'https://93.184.215.14/v.mp4', extra: nested(MAX_DEPTH) }), 'INVALID_REQUEST'],
    ['async', '/api/v1/services/clipper/async', () => ({ data: { deep: nested(MAX_DEPTH - 1) } }), 'validation_failed'],
    ['clipper', '/api/process', () => ({ url: nested(MAX_DEPTH) }), 'validation_failed'],
  ])('refuses a body nested deeper than the bound on the %s API with 400 in its words', async (_api, path, body, code) => {
    const response = await stack.gw.request(path, jsonPost(body(), token));
    const error = ((await response.json()) as { error: { code: string; message: string } }).error;
    expect([response.status, error.code]).toEqual([400, code]);
    expect(error.message).toContain(`more than ${MAX_DEPTH} levels`);
  });

  it('refuses a megabyte of nesting before parsing it', async () => {
    const body = `{"kind":"echo","input":${'['.repeat(400_000)}${']'.repeat(400_000)}}`;
    const response = await stack.gw.request('/v1/jobs', { method: 'POST', body, token, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
  });

  it('accepts a body nested exactly to the bound, and the projector stores its job', async () => {
    const input = { deep: nested(MAX_DEPTH - 2) };
    const response = await stack.gw.request('/v1/jobs', jsonPost({ kind: 'echo', input }, token));
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    const client = new Client({ connectionString: testDatabaseUrl(stack.gw.config.JETJOBS_NAMESPACE) });
    await client.connect();
    try {
      const stored = await eventually(async () => {
        const { rows } = await client.query<{ input: unknown }>(`SELECT data -> 'input' AS input FROM job_events WHERE job_id = $1 AND type = 'JobSubmitted'`, [id]);
        return rows[0];
      });
      expect(stored.input).toEqual(input);
    } finally {
      await client.end();
    }
  });
});
