/** The asymmetric algorithms accepted from a JWKS; HMAC keys (`kty: oct`) are never loaded. */
export const JWKS_ALGORITHMS = ['RS256', 'ES256'] as const;
export type JwksAlgorithm = (typeof JWKS_ALGORITHMS)[number];
