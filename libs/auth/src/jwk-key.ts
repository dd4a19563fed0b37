import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/** The asymmetric algorithms accepted from a JWKS; HMAC keys (`kty: oct`) are never loaded. */
export const JWKS_ALGORITHMS = ['RS256', 'ES256'] as const;
export type JwksAlgorithm = (typeof JWKS_ALGORITHMS)[number];

export interface SigningKey {
  readonly kid: string | undefined;
  readonly alg: JwksAlgorithm;
  readonly key: KeyObject;
}

/**
 * One JWK as a public verification key, or null when it cannot verify our algorithms: an
 * encryption key, a symmetric key, another curve, or a key pinned to another algorithm.
 */
export function signingKeyOf(jwk: unknown): SigningKey | null {
  if (typeof jwk !== 'object' || jwk === null) return null;
  const { kty, crv, use, alg, kid } = jwk as Record<string, unknown>;
  if (use !== undefined && use !== 'sig') return null;
  const keyAlg: JwksAlgorithm | null = kty === 'RSA' ? 'RS256' : kty === 'EC' && crv === 'P-256' ? 'ES256' : null;
  if (keyAlg === null || (alg !== undefined && alg !== keyAlg)) return null;
  try {
    // Only the public half is kept, even if a misconfigured endpoint publishes a private key.
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    return { kid: typeof kid === 'string' ? kid : undefined, alg: keyAlg, key };
  } catch {
    return null;
  }
}

/** Every usable key of a JWKS document (`{"keys": [...]}`); an unusable entry is skipped. */
export function signingKeysOf(document: unknown): SigningKey[] {
  const keys = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error('the document has no "keys" array');
  return keys.map(signingKeyOf).filter((key): key is SigningKey => key !== null);
}
