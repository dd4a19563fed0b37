import { errors } from 'jose';
import { CodedError } from '@jetjobs/contracts';
import { quoteIfPlain, unauthorized } from './jwt-errors';

/**
 * Turns a `jose` failure of a JWKS token into the CodedError a jsonwebtoken failure of a platform
 * token becomes (`translateJwtError`): the same words for the same problem, naming neither keys
 * nor the expected issuer and audience.
 */
export function translateJoseError(error: unknown, header: { alg: string; kid?: string }): CodedError {
  if (error instanceof CodedError) return error;
  const key = quoteIfPlain(header.kid);
  if (error instanceof errors.JWKSNoMatchingKey || (error instanceof errors.JWKSMultipleMatchingKeys && header.kid === undefined)) {
    return unauthorized(header.kid === undefined ? `Token has no kid and no single ${header.alg} key matches` : `Token signing key${key} is unknown`);
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) return unauthorized(`Token signing key${key} is published more than once`);
  // A published member that is not a public key (a leaked private key) verifies nothing.
  if (error instanceof errors.JWKSInvalid) return unauthorized(`Token signing key${key} cannot be used`);
  if (error instanceof errors.JWTExpired) return unauthorized('Token expired');
  if (error instanceof errors.JWSSignatureVerificationFailed) return unauthorized('Bad token signature');
  if (error instanceof errors.JWTClaimValidationFailed) return claimError(error);
  if (error instanceof errors.JOSEError) return unauthorized('Malformed token');
  return unauthorized('Token could not be verified');
}

function claimError(error: InstanceType<typeof errors.JWTClaimValidationFailed>): CodedError {
  // A missing `iss` or `aud` is as unacceptable as a wrong one (jsonwebtoken says the same).
  if (error.claim === 'iss') return unauthorized('Token issuer is not accepted');
  if (error.claim === 'aud') return unauthorized('Token audience is not accepted');
  // An `nbf` that is not a number is malformed, not early.
  if (error.claim === 'nbf' && error.reason === 'check_failed') return unauthorized('Token is not valid yet');
  return unauthorized('Malformed token');
}
