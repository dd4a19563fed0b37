import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { generateApiKey } from '@jetjobs/auth';
import { openSse, readSse } from '@jetjobs/testing';
import { RegistryClient } from '../registry/registry-client';
import { errorOf, jsonPost, startTestGateway, TEST_SECRET, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';

const ISSUER = 'https://idp.test/';
const AUDIENCE = 'jetjobs-api';
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWKS endpoint on 127.0.0.1 serving one RSA key made for this test run. */
async function startJwksServer(jwks: object): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`, server };
}

// Each attack against a gateway that trusts both its HS256 secret and an external issuer's
// JWKS (with issuer and audience pinned), with the real registry for API keys and jobs.
describe('gateway auth under attack', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let jwks: { url: string; server: Server };
  let gw: TestGateway;
  let registry: TestRegistry;

  beforeAll(async () => {
    jwks = await startJwksServer({ keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'idp-1', use: 'sig' }] });
    gw = await startTestGateway('gwattack', { JWT_JWKS_URL: jwks.url, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, JETJOBS_API_KEY_CACHE_MS: '0' });
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
  }, 60_000);
  afterAll(async () => {
    await gw.close();
    await registry?.close();
    await new Promise((resolve) => jwks.server.close(resolve));
  });

  const idpToken = (claims: object = {}, options: jwt.SignOptions = {}) =>
    jwt.sign({ project_id: 'project-a', scope: 'job:read', ...claims }, rsa.privateKey, {
      algorithm: 'RS256',
      keyid: 'idp-1',
      issuer: ISSUER,
      audience: AUDIENCE,
      ...('exp' in claims ? {} : { expiresIn: 60 }),
      ...options,
    });
  const listWith = async (credential: string) => errorOrStatus(await gw.request('/v1/jobs', { token: credential }));
  const errorOrStatus = async (response: Response) => (response.ok ? { status: response.status } : errorOf(response));
  /** Keys are made as the CLI makes them (its own process is tested elsewhere): hash only to the registry. */
  const createKey = async (scopes: string, projectId = 'project-a'): Promise<string> => {
    const { key, keyId, secretHash, prefix } = generateApiKey();
    await gw.app.get(RegistryClient).send('api-key-create', { keyId, projectId, scopes: scopes.split(' '), name: null, prefix, secretHash });
    return key;
  };
  const revokeKey = (key: string) => gw.app.get(RegistryClient).send('api-key-revoke', { keyId: key.slice(3, 19) });
  const submit = async (projectId = 'project-a'): Promise<string> => {
    const response = await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: {} }, gw.token(['job:write'], projectId)));
    return ((await response.json()) as { id: string }).id;
  };

  it('accepts a well-formed token from the JWKS issuer', async () => {
    expect(await listWith(idpToken())).toEqual({ status: 200 });
  });

  it.each<[string, () => string, string]>([
    ['alg "none"', () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ project_id: 'project-a', scope: 'admin', exp: 2e9 })}.`, 'Token algorithm "none" is not accepted (only HS256, RS256, ES256)'],
    ['an HS256 token keyed with the RSA public key', () => {
      const header = base64url({ alg: 'HS256', typ: 'JWT', kid: 'idp-1' });
      const body = base64url({ project_id: 'project-a', scope: 'admin', exp: 2e9, iss: ISSUER, aud: AUDIENCE });
      const pem = rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString();
      return `${header}.${body}.${createHmac('sha256', pem).update(`${header}.${body}`).digest('base64url')}`;
    }, 'Bad token signature'],
    ['an expired token', () => idpToken({ exp: Math.floor(Date.now() / 1000) - 5 }), 'Token expired'],
    ['a token not valid before an hour from now', () => idpToken({}, { notBefore: 3600 }), 'Token is not valid yet'],
    ['a token from another issuer', () => idpToken({}, { issuer: 'https://evil.test/' }), 'Token issuer is not accepted'],
    ['a token for another audience', () => idpToken({}, { audience: 'another-api' }), 'Token audience is not accepted'],
    ['a token whose signature was tampered with', () => {
      const [header, body, signature] = idpToken().split('.');
      return `${header}.${body}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    }, 'Bad token signature'],
    ['a token whose claims were raised after signing', () => {
      const [header, , signature] = idpToken().split('.');
      return `${header}.${base64url({ project_id: 'project-a', scope: 'admin', exp: 2e9, iss: ISSUER, aud: AUDIENCE })}.${signature}`;
    }, 'Bad token signature'],
    ['a token signed by a key the issuer does not publish', () => jwt.sign({ project_id: 'project-a' }, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, { algorithm: 'RS256', keyid: 'idp-2', expiresIn: 60 }), 'Token signing key "idp-2" is unknown'],
    ['a malformed API key', () => 'jj_not-a-key', 'Malformed API key'],
    ['an API key nobody created', () => generateApiKey().key, 'Invalid or revoked API key'],
  ])('refuses %s with 401', async (_case, credential, message) => {
    expect(await listWith(credential())).toEqual({ status: 401, code: 'unauthorized', message });
  });

  it('refuses a revoked API key, and an existing key id with a guessed secret', async () => {
    const key = await createKey('job:read');
    expect(await listWith(key)).toEqual({ status: 200 });
    const guessed = `${key.slice(0, 20)}${generateApiKey().key.slice(20)}`;
    expect(await listWith(guessed)).toMatchObject({ status: 401, message: 'Invalid or revoked API key' });

    await revokeKey(key);
    const refused = await listWith(key);
    expect(refused).toEqual({ status: 401, code: 'unauthorized', message: 'Invalid or revoked API key' });
    expect(JSON.stringify(refused)).not.toContain(key.slice(20));
  });

  it('answers 403 when a credential reaches beyond its scopes, whatever its kind', async () => {
    const post = (credential: string) => gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: {} }, credential));
    expect(await errorOf(await post(idpToken({ scope: 'job:read' })))).toMatchObject({ status: 403, code: 'forbidden', message: 'Token lacks the scope job:write' });
    expect(await errorOf(await post(gw.token(['job:read'])))).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await errorOf(await post(await createKey('job:read')))).toEqual({ status: 403, code: 'forbidden', message: 'API key lacks the scope job:write' });
    expect((await post(await createKey('job:read job:write'))).status).toBe(202);
  });

  it('keeps API keys out of query strings, even on event streams', async () => {
    const key = await createKey('job:read');
    const response = await gw.request(`/v1/jobs/${await submit()}/events?access_token=${key}`);
    const error = await errorOf(response);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(error.message).toMatch(/^API keys are not accepted in the query string/);
  });

  describe('job-scoped stream tokens', () => {
    const issue = async (jobId: string, credential: string) => gw.request(`/v1/jobs/${jobId}/stream-token`, { method: 'POST', token: credential });

    it('opens its own job\'s event stream from ?access_token=, as a browser would', async () => {
      const jobId = await submit();
      const response = await issue(jobId, await createKey('job:read'));
      expect(response.status).toBe(200);
      const { token, expires_in } = (await response.json()) as { token: string; expires_in: number };
      expect(expires_in).toBe(300);
      expect(jwt.decode(token)).toMatchObject({ job_id: jobId, scope: 'job:read', project_id: 'project-a' });

      const sse = await openSse(`${gw.url}/v1/jobs/${jobId}/events?access_token=${token}`);
      expect(sse.status).toBe(200);
      const [first] = await readSse(sse, () => true);
      sse.close();
      expect(first).toMatchObject({ id: '1', event: 'JobSubmitted' });
    });

    it('does not open another job\'s stream, nor any route that is not an event stream', async () => {
      const jobId = await submit();
      const otherJob = await submit();
      const { token } = (await (await issue(jobId, gw.token(['job:read']))).json()) as { token: string };

      const elsewhere = [
        gw.request(`/v1/jobs/${otherJob}/events?access_token=${token}`),
        gw.request(`/v1/jobs/${otherJob}/events`, { token }),
        gw.request(`/v1/jobs/${jobId}`, { token }),
        gw.request('/v1/jobs', { token }),
        gw.request(`/v1/jobs/${jobId}/cancel`, jsonPost({}, token)),
        issue(jobId, token),
      ];
      const errors = await Promise.all((await Promise.all(elsewhere)).map(errorOf));
      expect(errors.map((e) => e.status)).toEqual([401, 401, 401, 401, 401, 401]);
      expect(errors[0]!.message).toBe('This stream token is for another job');
      expect(errors[2]!.message).toBe("A stream token is only accepted on its job's event stream");
      // Outside event streams the query string is not read at all.
      expect(await errorOf(await gw.request(`/v1/jobs/${jobId}?access_token=${token}`))).toMatchObject({ status: 401, message: 'Missing bearer token' });
    });

    it('is handed out only for a job the caller may read', async () => {
      const foreign = await submit('project-b');
      expect(await errorOf(await issue(foreign, gw.token(['job:read'])))).toMatchObject({ status: 404, code: 'job_not_found' });
      expect(await errorOf(await issue(randomUUID(), gw.token(['job:read'])))).toMatchObject({ status: 404 });
      expect(await errorOf(await issue(await submit(), gw.token(['job:write'])))).toMatchObject({ status: 403 });
    });

    it('is refused once expired, like any token', async () => {
      const jobId = await submit();
      const expired = jwt.sign({ project_id: 'project-a', scope: 'job:read', job_id: jobId, exp: Math.floor(Date.now() / 1000) - 1 }, TEST_SECRET, { algorithm: 'HS256' });
      expect(await errorOf(await gw.request(`/v1/jobs/${jobId}/events?access_token=${expired}`))).toMatchObject({ status: 401, message: 'Token expired' });
    });
  });
});
