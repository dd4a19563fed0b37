import { jsonPost, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';
import { ALL_SCOPES } from './hostile-stack';

type ErrorBody = { error: { code: string; message: string } };

// Cancel and retry each cost a registry round trip and an append: rate limited per project, and
// a job cannot be retried by hand forever.
describe('limits on cancel and retry', () => {
  let gw: TestGateway;
  let registry: TestRegistry;

  beforeAll(async () => {
    gw = await startTestGateway('gwcmds', { JETJOBS_COMMAND_BURST: '4', JETJOBS_COMMAND_RATE_PER_SECOND: '0.001' });
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE, { JETJOBS_MAX_MANUAL_RETRIES: '1' });
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await registry?.close();
  });

  const submit = async (token: string): Promise<string> => {
    const response = await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: {} }, token));
    expect(response.status).toBe(202);
    return ((await response.json()) as { id: string }).id;
  };
  const command = (name: 'cancel' | 'retry', jobId: string, token: string) => gw.request(`/v1/jobs/${jobId}/${name}`, jsonPost({}, token));

  it('refuses a project its cancels and retries beyond the burst with 429, and no other project', async () => {
    const token = gw.token(ALL_SCOPES, 'cmd-busy');
    const jobId = await submit(token);
    const statuses = [];
    // The last is a 409 (a cancelled job cannot be cancelled), a refusal that still took a token.
    for (const name of ['cancel', 'retry', 'cancel', 'cancel'] as const) statuses.push((await command(name, jobId, token)).status);
    expect(statuses).toEqual([200, 200, 200, 409]);

    const refused = await command('retry', jobId, token);
    const body = (await refused.json()) as ErrorBody;
    expect([refused.status, body.error.code, refused.headers.get('retry-after')]).toEqual([429, 'rate_limited', expect.stringMatching(/^\d+$/)]);
    expect(body.error.message).toMatch(/^Too many cancels and retries: this project may cancel or retry 0\.001 jobs per second, in bursts of up to 4\./);
    // Submissions have their own bucket; other projects theirs.
    await submit(token);
    const other = gw.token(ALL_SCOPES, 'cmd-calm');
    expect((await command('cancel', await submit(other), other)).status).toBe(200);
  });

  it('refuses a manual retry past JETJOBS_MAX_MANUAL_RETRIES with 409 and a code', async () => {
    const token = gw.token(ALL_SCOPES, 'cmd-retries');
    const jobId = await submit(token);
    expect((await command('cancel', jobId, token)).status).toBe(200);
    expect((await command('retry', jobId, token)).status).toBe(200);
    const cancelled = (await (await command('cancel', jobId, token)).json()) as { status: string };
    expect(cancelled.status).toBe('cancelled');

    const refused = await command('retry', jobId, token);
    const body = (await refused.json()) as ErrorBody;
    expect([refused.status, body.error.code]).toEqual([409, 'illegal_transition']);
    expect(body.error.message).toContain('retried 1 times already, the most allowed');
  });
});
