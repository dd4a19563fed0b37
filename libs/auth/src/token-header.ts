import jwt from 'jsonwebtoken';
import { quoteIfPlain, unauthorized } from './jwt-errors';

export interface TokenHeader {
  readonly alg: string;
  readonly kid?: string;
}

/**
 * Reads the header and refuses any algorithm outside `accepted` before a key is even looked up:
 * `alg: none` and algorithm confusion (an HMAC token checked against a public key) end here.
 */
export function acceptedHeader(token: string, accepted: readonly string[]): TokenHeader {
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded.payload !== 'object') throw unauthorized('Malformed token');
  const { alg, kid } = decoded.header;
  if (!accepted.includes(alg)) {
    throw unauthorized(`Token algorithm${quoteIfPlain(alg)} is not accepted (only ${accepted.join(', ')})`);
  }
  return typeof kid === 'string' ? { alg, kid } : { alg };
}
