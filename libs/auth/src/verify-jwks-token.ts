import { jwtVerify, type JWTPayload } from 'jose';
import { translateJoseError } from './jose-errors';
import type { JwksAlgorithm } from './jwks-algorithms';
import type { JwksKeyStore } from './jwks-key-store';

export interface VerifyJwksTokenOptions {
  readonly alg: JwksAlgorithm;
  readonly kid?: string;
  readonly issuer?: string;
  readonly audience?: string;
  readonly now?: Date;
}

/**
 * Verifies a token of an external issuer with `jose`'s `jwtVerify` against the key its header
 * names in the JWKS, for the one algorithm the header was accepted with. Failures are the
 * `CodedError`s platform tokens fail with.
 */
export async function verifyJwksToken(token: string, keys: JwksKeyStore, options: VerifyJwksTokenOptions): Promise<JWTPayload> {
  const { alg, kid, issuer, audience, now } = options;
  try {
    const { payload } = await jwtVerify(token, keys.keyFor, { algorithms: [alg], issuer, audience, currentDate: now });
    return payload;
  } catch (error) {
    throw translateJoseError(error, kid === undefined ? { alg } : { alg, kid });
  }
}
