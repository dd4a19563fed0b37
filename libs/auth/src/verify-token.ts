import jwt from 'jsonwebtoken';
import { translateJwtError, unauthorized } from './jwt-errors';
import { claimsOf, type VerifiedToken } from './token-claims';
import { acceptedHeader } from './token-header';

export type { VerifiedToken } from './token-claims';

export interface VerifyTokenOptions {
  readonly secret: string;
  /** The clock, injectable so that expiry can be tested without waiting. */
  readonly now?: Date;
}

/**
 * Verifies an HS256 JWT and returns who it speaks for. Every failure is a `CodedError` with code
 * `unauthorized` and a message that names the problem but never the secret.
 */
export function verifyToken(token: string | undefined, options: VerifyTokenOptions): VerifiedToken {
  if (!token) throw unauthorized('Missing bearer token');
  acceptedHeader(token, ['HS256']);
  return claimsOf(verifiedPayload(token, options.secret, { algorithms: ['HS256'], clockTimestamp: clockOf(options.now) }));
}

/** `jwt.verify` with its failures translated; the caller has already vetted the algorithm. */
export function verifiedPayload(token: string, key: jwt.Secret | jwt.PublicKey, options: jwt.VerifyOptions): jwt.JwtPayload {
  try {
    const payload = jwt.verify(token, key, { ...options, complete: false });
    if (typeof payload === 'string') throw unauthorized('Malformed token: payload is not a JSON object');
    return payload;
  } catch (error) {
    throw translateJwtError(error);
  }
}

export function clockOf(now: Date | undefined): number | undefined {
  return now ? Math.floor(now.getTime() / 1000) : undefined;
}
