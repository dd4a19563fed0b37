import { startWorker, type Worker } from '@jetjobs/worker-runtime';
import { errorOf, jsonPost, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';

// A job of a kind no worker runs would wait forever: it is refused at submit, naming what is served.
describe('kinds nobody runs', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let worker: Worker | null = null;
  let token: string;

  beforeAll(async () => {
    gw = await startTestGateway('gwkinds');
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE, { JETJOBS_UNSERVED_KINDS: 'refuse' });
    token = gw.token(['job:write', 'job:read']);
  }, 30_000);
  afterAll(async () => {
    await worker?.stop(1_000);
    await gw.close();
    await registry?.close();
  });

  const submit = (kind: string) => gw.request('/v1/jobs', jsonPost({ kind, input: { message: 'hi' } }, token));

  it('refuses a kind without a worker with 422 kind_not_served, naming the kinds served', async () => {
    const refused = await errorOf(await submit('translate'));
    expect(refused).toMatchObject({ status: 422, code: 'kind_not_served' });
    expect(refused.message).toBe('No worker runs kind "translate", so the job would never start; kinds served now: none');
  });

  it('accepts the kind as soon as a worker has bound its work consumer', async () => {
    worker = await startWorker({ store: gw.events.store, kind: 'echo', handler: async ({ job }) => job.input });
    const accepted = await submit('echo');
    expect(accepted.status).toBe(202);
    const refused = await errorOf(await submit('translate'));
    expect(refused.message).toMatch(/kinds served now: echo$/);
  });
});
