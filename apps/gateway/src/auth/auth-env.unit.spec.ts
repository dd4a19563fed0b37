import { ConfigError } from '@jetjobs/config';
import { loadGatewayConfig } from '../config/gateway-config';

const JWKS_URL = 'https://idp.example/.well-known/jwks.json';
const load = (env: Record<string, string>) => loadGatewayConfig({ JWT_SECRET: 'x'.repeat(32), ...env });

/** The problems start-up would print, or none. */
function problems(env: Record<string, string>): readonly string[] {
  try {
    load(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('auth settings', () => {
  it('refuse a JWKS without a pinned issuer and audience: its keys also sign tokens for other apps', () => {
    expect(problems({ JWT_JWKS_URL: JWKS_URL })).toEqual([
      'JWT_ISSUER, JWT_AUDIENCE: required with JWT_JWKS_URL (the iss and aud your issuer puts in tokens for this API), or tokens minted for other applications would be accepted',
    ]);
    expect(problems({ JWT_JWKS_URL: JWKS_URL, JWT_ISSUER: 'https://idp.example/' })).toEqual([expect.stringMatching(/^JWT_AUDIENCE: required with JWT_JWKS_URL/)]);
    expect(problems({ JWT_JWKS_URL: JWKS_URL, JWT_AUDIENCE: 'jetjobs' })).toEqual([expect.stringMatching(/^JWT_ISSUER: required with JWT_JWKS_URL/)]);
  });

  it('refuse an issuer or audience without a JWKS, which nothing would check', () => {
    expect(problems({ JWT_ISSUER: 'https://idp.example/' })).toEqual([expect.stringMatching(/^JWT_ISSUER, JWT_AUDIENCE: they apply to tokens verified with JWT_JWKS_URL/)]);
  });

  it('accept a JWKS with both, and ignore admin from it unless told otherwise', () => {
    const complete = { JWT_JWKS_URL: JWKS_URL, JWT_ISSUER: 'https://idp.example/', JWT_AUDIENCE: 'jetjobs' };
    expect(load(complete)).toMatchObject({ ...complete, JWT_JWKS_ALLOW_ADMIN: false });
    expect(load({ ...complete, JWT_JWKS_ALLOW_ADMIN: 'true' }).JWT_JWKS_ALLOW_ADMIN).toBe(true);
    expect(problems({ ...complete, JWT_JWKS_ALLOW_ADMIN: 'yes' })).toEqual([expect.stringMatching(/^JWT_JWKS_ALLOW_ADMIN: /)]);
  });

  it('need neither without a JWKS', () => {
    expect(problems({})).toEqual([]);
  });
});
