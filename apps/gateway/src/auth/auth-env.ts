import { z } from 'zod';
import { count, flag } from '@jetjobs/config';

/**
 * The gateway's auth settings, validated with the rest of its configuration
 * (`gateway-config.ts` spreads them in).
 */
export const authEnv = {
  /** RS256/ES256 keys of an external token issuer; HS256 tokens keep working next to them. */
  JWT_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Required `iss` of JWKS-verified tokens; required with JWT_JWKS_URL. */
  JWT_ISSUER: z.string().min(1).optional(),
  /** Required `aud` of JWKS-verified tokens; required with JWT_JWKS_URL. */
  JWT_AUDIENCE: z.string().min(1).optional(),
  /**
   * Whether a JWKS token's `admin` scope counts. Off by default: the external issuer then mints
   * tenants' tokens, and admin reads every project.
   */
  JWT_JWKS_ALLOW_ADMIN: flag(false),
  /**
   * How long a verified API key is trusted without asking job-registry again: a revoked key
   * keeps working on a gateway for at most this long. 0 asks on every request.
   */
  JETJOBS_API_KEY_CACHE_MS: z.coerce.number().int().nonnegative().default(30_000),
  /** How long a refused API key is refused again without asking job-registry. 0 asks every time. */
  JETJOBS_API_KEY_REJECT_CACHE_MS: z.coerce.number().int().nonnegative().default(60_000),
  /** Failed authentications an address may make at once before it gets 429; 0 turns the limit off. */
  JETJOBS_AUTH_FAILURE_BURST: count(0, 1_000_000, 50),
  /** Failed authentications per second that flow back to an address. */
  JETJOBS_AUTH_FAILURE_RATE_PER_SECOND: z.coerce.number().positive().default(1),
  /** Lifetime of the job-scoped `?access_token=` tokens for browsers' EventSource. */
  JETJOBS_STREAM_TOKEN_TTL_S: count(10, 3_600, 300),
};

/**
 * The rules between auth variables, which a per-variable schema cannot express. An issuer's keys
 * verify every token it mints, for every application: without a pinned issuer and audience, a
 * token made for another app of the same identity provider would be accepted here.
 */
export function authConfigProblems(config: { JWT_JWKS_URL?: string; JWT_ISSUER?: string; JWT_AUDIENCE?: string }): string[] {
  const { JWT_JWKS_URL: url, JWT_ISSUER: issuer, JWT_AUDIENCE: audience } = config;
  if (url === undefined) {
    return issuer !== undefined || audience !== undefined
      ? ['JWT_ISSUER, JWT_AUDIENCE: they apply to tokens verified with JWT_JWKS_URL: set it too, or unset them']
      : [];
  }
  const missing = [issuer === undefined ? 'JWT_ISSUER' : null, audience === undefined ? 'JWT_AUDIENCE' : null].filter((name) => name !== null);
  return missing.length === 0
    ? []
    : [`${missing.join(', ')}: required with JWT_JWKS_URL (the iss and aud your issuer puts in tokens for this API), or tokens minted for other applications would be accepted`];
}
