import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { CodedError } from '@jetjobs/contracts';
import { SCOPES } from './scopes';
import { signToken } from './sign-token';
import { verifyToken } from './verify-token';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const now = new Date('2030-01-01T00:00:00Z');

const sign = (overrides: Partial<Parameters<typeof signToken>[0]> = {}) =>
  signToken({ secret, projectId: 'p1', scopes: ['job:read', 'job:write'], ttlSeconds: 3600, now, ...overrides });

/** Runs `verifyToken` and returns the CodedError it throws, failing the test if it does not. */
function rejection(token: string | undefined, options = { secret, now }): CodedError {
  try {
    verifyToken(token, options);
  } catch (error) {
    expect(error).toBeInstanceOf(CodedError);
    return error as CodedError;
  }
  throw new Error('expected the token to be rejected');
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('signToken / verifyToken', () => {
  it('round-trips project, scopes and subject', () => {
    const token = sign({ subject: 'alice', scopes: [...SCOPES] });
    const verified = verifyToken(token, { secret, now });
    expect(verified.projectId).toBe('p1');
    expect([...verified.scopes].sort()).toEqual([...SCOPES].sort());
    expect(verified.subject).toBe('alice');
  });

  it('writes the documented claims: space-separated scope, sub, iat and exp', () => {
    const claims = jwt.decode(sign(), { complete: true });
    expect(claims?.header.alg).toBe('HS256');
    expect(claims?.payload).toEqual({
      project_id: 'p1',
      scope: 'job:read job:write',
      sub: 'p1',
      iat: now.getTime() / 1000,
      exp: now.getTime() / 1000 + 3600,
    });
  });

  it('rejects an expired token', () => {
    const token = sign({ ttlSeconds: 60 });
    const later = new Date(now.getTime() + 61_000);
    const error = rejection(token, { secret, now: later });
    expect(error.code).toBe('unauthorized');
    expect(error.message).toBe('Token expired');
  });

  it('rejects a token whose signature was tampered with', () => {
    const [header, payload, signature] = sign().split('.');
    const flipped = (signature![0] === 'A' ? 'B' : 'A') + signature!.slice(1);
    expect(rejection(`${header}.${payload}.${flipped}`).message).toBe('Bad token signature');
  });

  it('rejects a token whose claims were changed after signing', () => {
    const [header, , signature] = sign().split('.');
    const forged = base64url({ project_id: 'someone-else', scope: 'admin', exp: 2e9 });
    expect(rejection(`${header}.${forged}.${signature}`).message).toBe('Bad token signature');
  });

  it('rejects an unsigned alg "none" token', () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ project_id: 'p1', exp: 2e9 })}.`;
    expect(rejection(token).message).toBe('Token algorithm "none" is not accepted (only HS256)');
  });

  it('rejects another HMAC algorithm even with the right secret', () => {
    const token = jwt.sign({ project_id: 'p1' }, secret, { algorithm: 'HS512', expiresIn: 60 });
    expect(rejection(token, { secret, now: new Date() }).message).toMatch(/"HS512" is not accepted/);
  });

  it('rejects a token signed with another secret, without echoing either secret', () => {
    const token = sign({ secret: 'another-secret-that-is-also-long-enough!!' });
    const error = rejection(token);
    expect(error.message).toBe('Bad token signature');
    expect(error.message).not.toContain(secret);
  });

  it('rejects a token without project_id', () => {
    const token = jwt.sign({ scope: 'job:read' }, secret, { algorithm: 'HS256', expiresIn: 60 });
    expect(rejection(token, { secret, now: new Date() }).message).toBe('Token has no project_id claim');
  });

  it('rejects a token without exp', () => {
    const token = jwt.sign({ project_id: 'p1' }, secret, { algorithm: 'HS256' });
    expect(rejection(token).message).toBe('Token has no expiry (exp claim is required)');
  });

  it('rejects a missing or malformed token', () => {
    expect(rejection(undefined).message).toBe('Missing bearer token');
    expect(rejection('').message).toBe('Missing bearer token');
    expect(rejection('not-a-jwt').message).toBe('Malformed token');
  });

  it('accepts a hand-made HS256 token, so other issuers interoperate', () => {
    const header = base64url({ alg: 'HS256', typ: 'JWT' });
    const payload = base64url({ project_id: 'p9', scope: 'job:read', exp: 2e9 });
    const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
    const verified = verifyToken(`${header}.${payload}.${signature}`, { secret, now });
    expect(verified).toEqual({ projectId: 'p9', scopes: new Set(['job:read']), subject: 'p9' });
  });

  it('refuses to sign without a positive whole lifetime', () => {
    expect(() => sign({ ttlSeconds: 0 })).toThrow(/positive whole number/);
  });
});
