import jwt from 'jsonwebtoken';
import { signStreamToken } from './stream-token';
import { TokenVerifier } from './token-verifier';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const jobId = '7d1c7d0e-2c4b-4d47-9a57-8c1e6a2b9f10';

describe('signStreamToken', () => {
  it('binds the token to one job, with job:read only and a short lifetime', async () => {
    const token = signStreamToken({ secret, projectId: 'p1', subject: 'alice', jobId, ttlSeconds: 300 });
    const payload = jwt.decode(token) as jwt.JwtPayload;
    expect(payload).toMatchObject({ project_id: 'p1', scope: 'job:read', sub: 'alice', job_id: jobId });
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(await new TokenVerifier({ secret }).verify(token)).toEqual({ projectId: 'p1', scopes: new Set(['job:read']), subject: 'alice', jobId });
  });

  it('refuses a token whose job_id is not a string', async () => {
    const token = jwt.sign({ project_id: 'p1', job_id: 42 }, secret, { algorithm: 'HS256', expiresIn: 60 });
    await expect(new TokenVerifier({ secret }).verify(token)).rejects.toThrow('Token has a malformed job_id claim');
  });
});
