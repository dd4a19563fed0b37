export { SCOPES, isScope, type Scope } from './scopes';
export { parseDuration } from './duration';
export { signToken, type SignTokenOptions } from './sign-token';
export { verifyToken, type VerifyTokenOptions, type VerifiedToken } from './verify-token';
export {
  resolveJwtSecret,
  MIN_SECRET_LENGTH,
  SECRET_FILE_NAME,
  type ResolveJwtSecretOptions,
} from './jwt-secret';
