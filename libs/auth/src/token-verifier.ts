import { createSecretKey, type KeyObject } from 'node:crypto';
import { unauthorized } from './jwt-errors';
import { JWKS_ALGORITHMS, type JwksAlgorithm } from './jwks-algorithms';
import type { JwksKeyStore } from './jwks-key-store';
import { claimsOf, type VerifiedToken } from './token-claims';
import { acceptedHeader } from './token-header';
import { verifyJwksToken } from './verify-jwks-token';
import { clockOf, verifiedPayload } from './verify-token';

export interface TokenVerifierOptions {
  /** The HS256 secret: tokens the platform signs itself (CLI tokens, stream tokens). */
  readonly secret: string;
  /** RS256/ES256 tokens from an external issuer, checked against its published keys. */
  readonly jwks?: JwksKeyStore;
  /** Required `iss` of JWKS-verified tokens, when set. */
  readonly issuer?: string;
  /** Required `aud` of JWKS-verified tokens, when set. */
  readonly audience?: string;
  /**
   * Whether `admin` in a JWKS-verified token counts (default: no, the scope is dropped). An
   * external issuer mints tenants' tokens; admin reads every project, so it must be opted into.
   */
  readonly jwksAdmin?: boolean;
}

/**
 * Verifies bearer JWTs: HS256 with the platform's secret, and RS256/ES256 with the JWKS keys
 * when a JWKS is configured. The algorithm decides which key is used, and each key only
 * verifies its own algorithm, so a public key can never be mistaken for an HMAC secret.
 * Failures are `CodedError`s: `unauthorized`, or `unavailable` when the keys cannot be fetched.
 */
export class TokenVerifier {
  private readonly accepted: readonly string[];
  /**
   * Made once: given the secret as a string, the JWT library first tries it as a PEM public key
   * on every call, and that failed parse cost a quarter of a busy gateway's CPU.
   */
  private readonly secretKey: KeyObject;

  constructor(private readonly options: TokenVerifierOptions) {
    this.accepted = options.jwks ? ['HS256', ...JWKS_ALGORITHMS] : ['HS256'];
    this.secretKey = createSecretKey(Buffer.from(options.secret, 'utf8'));
  }

  async verify(token: string | undefined, now?: Date): Promise<VerifiedToken> {
    if (!token) throw unauthorized('Missing bearer token');
    const header = acceptedHeader(token, this.accepted);
    const clockTimestamp = clockOf(now);
    const { jwks, issuer, audience } = this.options;
    // Without a JWKS, `accepted` holds HS256 alone: the second test only narrows the type.
    if (header.alg === 'HS256' || jwks === undefined) {
      return claimsOf(verifiedPayload(token, this.secretKey, { algorithms: ['HS256'], clockTimestamp }));
    }
    const alg = header.alg as JwksAlgorithm;
    const verified = claimsOf(await verifyJwksToken(token, jwks, { alg, kid: header.kid, issuer, audience, now }));
    if (this.options.jwksAdmin === true) return verified;
    return { ...verified, scopes: new Set([...verified.scopes].filter((scope) => scope !== 'admin')) };
  }
}
