import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { generateApiKey } from '@jetjobs/auth';
import { testDatabaseUrl } from '@jetjobs/testing';
import { RegistryClient } from '../registry/registry-client';
import { errorOf, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';

const ISSUER = 'https://idp.test/';
const AUDIENCE = 'jetjobs-api';

/** A JWKS endpoint on 127.0.0.1 serving one RSA key made for this test run. */
async function startJwksServer(jwks: object): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`, server };
}

// `admin` reads every project's events: only a token signed with the platform secret that names
// it carries it. Tenants' credentials (API keys, an external issuer's tokens) never do by default.
describe('who may be admin', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let jwks: { url: string; server: Server };
  let gw: TestGateway;
  let trusting: TestGateway;
  let registry: TestRegistry;

  beforeAll(async () => {
    jwks = await startJwksServer({ keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'idp-1', use: 'sig' }] });
    const jwksEnv = { JWT_JWKS_URL: jwks.url, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, JETJOBS_API_KEY_CACHE_MS: '0' };
    gw = await startTestGateway('gwadmin', jwksEnv);
    trusting = await startTestGateway('gwadmin2', { ...jwksEnv, JWT_JWKS_ALLOW_ADMIN: 'true' });
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
  }, 60_000);
  afterAll(async () => {
    await gw.close();
    await trusting.close();
    await registry?.close();
    await new Promise((resolve) => jwks.server.close(resolve));
  });

  const idpToken = (scope: string) =>
    jwt.sign({ project_id: 'project-a', scope }, rsa.privateKey, { algorithm: 'RS256', keyid: 'idp-1', issuer: ISSUER, audience: AUDIENCE, expiresIn: 60 });
  const adminEvents = (on: TestGateway, credential: string) => on.request('/v1/admin/events?limit=1', { token: credential });
  const createKey = (scopes: string[]) => {
    const { key, keyId, secretHash, prefix } = generateApiKey();
    const created = gw.app.get(RegistryClient).send('api-key-create', { keyId, projectId: 'project-a', scopes, name: null, prefix, secretHash });
    return { key, keyId, created };
  };

  it('ignores admin in a JWKS token unless JWT_JWKS_ALLOW_ADMIN is set', async () => {
    expect(await errorOf(await adminEvents(gw, idpToken('admin job:read')))).toEqual({ status: 403, code: 'forbidden', message: 'Token lacks the scope admin' });
    // The token's other scopes still count.
    expect((await gw.request('/v1/jobs', { token: idpToken('admin job:read') })).status).toBe(200);
    // The second gateway has no registry of its own: past auth, a JSON page of the stream answers.
    expect((await adminEvents(trusting, idpToken('admin'))).status).toBe(200);
  });

  it('still honours admin on a platform-signed token that names it', async () => {
    expect((await adminEvents(gw, gw.token(['admin']))).status).toBe(200);
  });

  it('refuses to create an API key with admin', async () => {
    const { created } = createKey(['job:read', 'admin']);
    // The contract refuses it, so neither the CLI nor any other caller gets one made.
    await expect(created).rejects.toThrow(/admin cannot be granted to an API key/);
  });

  it('drops admin from a key stored before that rule', async () => {
    const { key, keyId, created } = createKey(['job:read']);
    await created;
    const db = new Client({ connectionString: testDatabaseUrl(gw.config.JETJOBS_NAMESPACE) });
    await db.connect();
    try {
      await db.query(`UPDATE api_keys SET scopes = ARRAY['job:read', 'admin'] WHERE id = $1`, [keyId]);
    } finally {
      await db.end();
    }
    expect(await errorOf(await adminEvents(gw, key))).toEqual({ status: 403, code: 'forbidden', message: 'API key lacks the scope admin' });
    expect((await gw.request('/v1/jobs', { token: key })).status).toBe(200);
  });
});
