import { z } from 'zod';

/**
 * The gateway's auth settings, validated with the rest of its configuration
 * (`gateway-config.ts` spreads them in).
 */
export const authEnv = {
  /** RS256/ES256 keys of an external token issuer; HS256 tokens keep working next to them. */
  JWT_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Required `iss` of JWKS-verified tokens. */
  JWT_ISSUER: z.string().min(1).optional(),
  /** Required `aud` of JWKS-verified tokens. */
  JWT_AUDIENCE: z.string().min(1).optional(),
  /**
   * How long a verified API key is trusted without asking job-registry again: a revoked key
   * keeps working on a gateway for at most this long. 0 asks on every request.
   */
  JETJOBS_API_KEY_CACHE_MS: z.coerce.number().int().nonnegative().default(30_000),
  /** Lifetime of the job-scoped `?access_token=` tokens for browsers' EventSource. */
  JETJOBS_STREAM_TOKEN_TTL_S: z.coerce.number().int().min(10).max(3_600).default(300),
};
