import type { Subscription } from '@nats-io/transport-node';
import { generateApiKey } from '@jetjobs/auth';
import { errorOf, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';

const BURST = 12;

// Bad credentials must be cheap to refuse: a replayed bad API key is refused from memory, and an
// address that keeps failing is stopped with 429 before anything is verified. What reaches the
// registry is counted on the wire: a plain subscription on the namespace's verify subject sees
// every request the gateway sends there.
describe('failed authentications', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let verifyRequests: Subscription;

  beforeAll(async () => {
    gw = await startTestGateway('gwauthfail', {
      JETJOBS_AUTH_FAILURE_BURST: String(BURST),
      // Slow enough that no failure flows back during the test.
      JETJOBS_AUTH_FAILURE_RATE_PER_SECOND: '0.01',
    });
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    verifyRequests = gw.events.nc.subscribe(gw.events.names.query('api-key-verify'));
    await gw.events.nc.flush();
  }, 30_000);
  afterAll(async () => {
    verifyRequests?.unsubscribe();
    await gw.close();
    await registry?.close();
  });

  const list = (credential: string) => gw.request('/v1/jobs', { token: credential });

  it('asks the registry about a bad API key once, however often it is replayed', async () => {
    const bad = generateApiKey().key;
    const before = verifyRequests.getReceived();
    for (let i = 0; i < 10; i += 1) {
      expect(await errorOf(await list(bad))).toEqual({ status: 401, code: 'unauthorized', message: 'Invalid or revoked API key' });
    }
    await gw.events.nc.flush();
    expect(verifyRequests.getReceived() - before).toBe(1);
  });

  it('answers 429 with Retry-After to an address that keeps failing, without verifying', async () => {
    // The first test spent 10 of the address's failures.
    for (let i = 10; i < BURST; i += 1) expect((await list(generateApiKey().key)).status).toBe(401);
    await gw.events.nc.flush();
    const before = verifyRequests.getReceived();

    const refused = await list(generateApiKey().key);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const error = await errorOf(refused);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(error.message).toMatch(/^Too many failed authentications from this address: retry after \d+ seconds?/);
    // A token would be refused the same way: the address is held off, not the credential.
    expect((await list(gw.token(['job:read']))).status).toBe(429);
    await gw.events.nc.flush();
    expect(verifyRequests.getReceived()).toBe(before);
  });
});
