import jwt from 'jsonwebtoken';
import { CodedError } from '@jetjobs/contracts';

export const unauthorized = (message: string): CodedError => new CodedError('unauthorized', message);

/**
 * Turns a jsonwebtoken failure into a CodedError whose message names the problem but never the
 * key, the secret or the expected issuer and audience.
 */
export function translateJwtError(error: unknown): CodedError {
  if (error instanceof CodedError) return error;
  if (error instanceof jwt.TokenExpiredError) return unauthorized('Token expired');
  if (error instanceof jwt.NotBeforeError) return unauthorized('Token is not valid yet');
  if (error instanceof jwt.JsonWebTokenError) {
    if (error.message === 'invalid signature') return unauthorized('Bad token signature');
    if (error.message.startsWith('jwt issuer invalid')) return unauthorized('Token issuer is not accepted');
    if (error.message.startsWith('jwt audience invalid')) return unauthorized('Token audience is not accepted');
    return unauthorized('Malformed token');
  }
  return unauthorized('Token could not be verified');
}

/** Header values are the caller's text: repeat one only when it looks like a plain name. */
export function quoteIfPlain(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(value) ? ` "${value}"` : '';
}
