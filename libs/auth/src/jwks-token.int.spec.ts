import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { CodedError } from '@jetjobs/contracts';
import { JwksKeyStore } from './jwks-key-store';
import { signToken } from './sign-token';
import { TokenVerifier } from './token-verifier';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwkOf = (key: KeyObject, kid: string) => ({ ...key.export({ format: 'jwk' }), kid, use: 'sig' });

/** A JWKS endpoint on 127.0.0.1 whose key set the test can swap, counting the fetches. */
async function startJwksServer(keys: object[]) {
  const state = { keys, fetches: 0, failing: false };
  const server: Server = createServer((_request, response) => {
    state.fetches += 1;
    if (state.failing) return response.writeHead(500).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: state.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  return { state, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function rejection(verifier: TokenVerifier, token: string): Promise<CodedError> {
  try {
    await verifier.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(CodedError);
    return error as CodedError;
  }
  throw new Error('expected the token to be rejected');
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = { project_id: 'p1', scope: 'job:read' };

describe('TokenVerifier with a JWKS', () => {
  const first = rsa();
  const second = rsa();
  const curve = ec();
  let server: Awaited<ReturnType<typeof startJwksServer>>;
  let verifier: TokenVerifier;
  const newVerifier = (options: { issuer?: string; audience?: string; cooldownMs?: number; jwksAdmin?: boolean } = {}) =>
    new TokenVerifier({ secret, jwks: new JwksKeyStore({ url: server.url, cooldownMs: options.cooldownMs ?? 0 }), ...options });

  beforeAll(async () => {
    server = await startJwksServer([jwkOf(first.publicKey, 'k1'), jwkOf(curve.publicKey, 'e1')]);
    verifier = newVerifier();
  });
  afterAll(() => server.close());

  const rs256 = (payload: object = claims, options: jwt.SignOptions = {}, key = first.privateKey, kid = 'k1') =>
    jwt.sign(payload, key, { algorithm: 'RS256', keyid: kid, ...('exp' in payload ? {} : { expiresIn: 60 }), ...options });

  it('accepts RS256 and ES256 tokens signed with published keys', async () => {
    expect(await verifier.verify(rs256())).toEqual({ projectId: 'p1', scopes: new Set(['job:read']), subject: 'p1' });
    const es = jwt.sign({ ...claims, sub: 'svc' }, curve.privateKey, { algorithm: 'ES256', keyid: 'e1', expiresIn: 60 });
    expect((await verifier.verify(es)).subject).toBe('svc');
  });

  it('drops admin from a JWKS token unless told to honour it, and keeps it on platform tokens', async () => {
    const asAdmin = rs256({ ...claims, scope: 'admin job:read' });
    expect([...(await verifier.verify(asAdmin)).scopes]).toEqual(['job:read']);
    expect([...(await newVerifier({ jwksAdmin: true }).verify(asAdmin)).scopes]).toEqual(['admin', 'job:read']);
    const platform = signToken({ secret, projectId: 'ops', scopes: ['admin'], ttlSeconds: 60 });
    expect([...(await verifier.verify(platform)).scopes]).toEqual(['admin']);
  });

  it('still accepts the platform HS256 tokens', async () => {
    const token = signToken({ secret, projectId: 'p2', scopes: ['job:write'], ttlSeconds: 60 });
    expect((await verifier.verify(token)).projectId).toBe('p2');
  });

  it('fetches the set again when a token names a new key id (rotation)', async () => {
    const before = server.state.fetches;
    server.state.keys = [jwkOf(second.publicKey, 'k2')];
    const verified = await verifier.verify(rs256(claims, {}, second.privateKey, 'k2'));
    expect(verified.projectId).toBe('p1');
    expect(server.state.fetches).toBe(before + 1);
    server.state.keys = [jwkOf(first.publicKey, 'k1'), jwkOf(curve.publicKey, 'e1')];
  });

  it('asks the key server at most once per cooldown for unknown key ids', async () => {
    const patient = newVerifier({ cooldownMs: 60_000 });
    await patient.verify(rs256());
    const before = server.state.fetches;
    for (const kid of ['x1', 'x2', 'x3']) {
      expect((await rejection(patient, rs256(claims, {}, first.privateKey, kid))).message).toBe(`Token signing key "${kid}" is unknown`);
    }
    expect(server.state.fetches).toBe(before);
  });

  it('rejects alg "none"', async () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, exp: 2e9 })}.`;
    expect((await rejection(verifier, token)).message).toBe('Token algorithm "none" is not accepted (only HS256, RS256, ES256)');
  });

  it('rejects an HS256 token whose secret is the RSA public key (algorithm confusion)', async () => {
    const pem = first.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const header = base64url({ alg: 'HS256', typ: 'JWT', kid: 'k1' });
    const body = base64url({ ...claims, exp: 2e9 });
    const { createHmac } = await import('node:crypto');
    const signature = createHmac('sha256', pem).update(`${header}.${body}`).digest('base64url');
    expect((await rejection(verifier, `${header}.${body}.${signature}`)).message).toBe('Bad token signature');
  });

  it('rejects an RS256 token signed by a key the set does not publish', async () => {
    expect((await rejection(verifier, rs256(claims, {}, rsa().privateKey))).message).toBe('Bad token signature');
  });

  it('rejects expired, not-yet-valid and tampered tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await rejection(verifier, rs256({ ...claims, exp: now - 10 }))).message).toBe('Token expired');
    expect((await rejection(verifier, rs256(claims, { notBefore: 3600 }))).message).toBe('Token is not valid yet');
    const [header, , signature] = rs256().split('.');
    const forged = base64url({ ...claims, scope: 'admin', exp: 2e9 });
    expect((await rejection(verifier, `${header}.${forged}.${signature}`)).message).toBe('Bad token signature');
  });

  it('checks issuer and audience when they are configured', async () => {
    const strict = newVerifier({ issuer: 'https://idp.test/', audience: 'jetjobs' });
    const good = rs256(claims, { issuer: 'https://idp.test/', audience: 'jetjobs' });
    expect((await strict.verify(good)).projectId).toBe('p1');
    const wrongIssuer = rs256(claims, { issuer: 'https://evil.test/', audience: 'jetjobs' });
    expect((await rejection(strict, wrongIssuer)).message).toBe('Token issuer is not accepted');
    const wrongAudience = rs256(claims, { issuer: 'https://idp.test/', audience: 'other' });
    expect((await rejection(strict, wrongAudience)).message).toBe('Token audience is not accepted');
    expect((await rejection(strict, rs256())).message).toMatch(/^Token (issuer|audience) is not accepted$/);
  });

  it('refuses RS256 tokens when no JWKS is configured', async () => {
    const plain = new TokenVerifier({ secret });
    expect((await rejection(plain, rs256())).message).toBe('Token algorithm "RS256" is not accepted (only HS256)');
  });

  it('keeps verifying with the keys it has when a refetch of a stale set fails, and leaves the dead server alone for the cooldown', async () => {
    const stale = new TokenVerifier({ secret, jwks: new JwksKeyStore({ url: server.url, maxAgeMs: 0, cooldownMs: 60_000 }) });
    await stale.verify(rs256());
    server.state.failing = true;
    try {
      const before = server.state.fetches;
      expect((await stale.verify(rs256())).projectId).toBe('p1');
      expect(server.state.fetches).toBe(before + 1);
      expect((await stale.verify(rs256())).projectId).toBe('p1');
      expect((await rejection(stale, rs256(claims, {}, first.privateKey, 'x9'))).message).toBe('Token signing key "x9" is unknown');
      expect(server.state.fetches).toBe(before + 1);
    } finally {
      server.state.failing = false;
    }
  });

  it('refuses a token whose key the set publishes with its private half: that key verifies nothing', async () => {
    const leaked = rsa();
    server.state.keys = [{ ...leaked.privateKey.export({ format: 'jwk' }), kid: 'leaked', use: 'sig' }];
    try {
      expect((await rejection(newVerifier(), rs256(claims, {}, leaked.privateKey, 'leaked'))).message).toBe('Token signing key "leaked" cannot be used');
    } finally {
      server.state.keys = [jwkOf(first.publicKey, 'k1'), jwkOf(curve.publicKey, 'e1')];
    }
  });

  it('refuses a token without a kid when the set holds more than one key of its algorithm', async () => {
    server.state.keys = [jwkOf(first.publicKey, 'k1'), jwkOf(second.publicKey, 'k2')];
    try {
      const unnamed = jwt.sign({ ...claims }, first.privateKey, { algorithm: 'RS256', expiresIn: 60 });
      expect((await rejection(newVerifier(), unnamed)).message).toBe('Token has no kid and no single RS256 key matches');
    } finally {
      server.state.keys = [jwkOf(first.publicKey, 'k1'), jwkOf(curve.publicKey, 'e1')];
    }
  });

  it('answers unavailable when the key server cannot be read, and keeps keys it already has', async () => {
    server.state.failing = true;
    try {
      const fresh = newVerifier();
      const error = await rejection(fresh, rs256());
      expect(error.code).toBe('unavailable');
      // Whoever sent the token learns nothing of the key server or its answer.
      expect(error.message).toBe('The token signing keys cannot be fetched right now: retry shortly');
      expect((await verifier.verify(rs256())).projectId).toBe('p1');
    } finally {
      server.state.failing = false;
    }
  });
});
