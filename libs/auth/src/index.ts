export { CLIENT_SCOPES, SCOPES, isScope, type Scope } from './scopes';
export { parseDuration } from './duration';
export { signToken, type SignTokenOptions } from './sign-token';
export { signStreamToken, STREAM_TOKEN_SCOPE, type SignStreamTokenOptions } from './stream-token';
export { verifyToken, type VerifyTokenOptions, type VerifiedToken } from './verify-token';
export { TokenVerifier, type TokenVerifierOptions } from './token-verifier';
export { JwksKeyStore, type JwksKeyStoreOptions } from './jwks-key-store';
export { JWKS_ALGORITHMS, type JwksAlgorithm } from './jwks-algorithms';
export { API_KEY_PREFIX, generateApiKey, hashApiKeySecret, isApiKeyShaped, parseApiKey, type NewApiKey } from './api-key';
export {
  resolveJwtSecret,
  MIN_SECRET_LENGTH,
  SECRET_FILE_NAME,
  type ResolveJwtSecretOptions,
} from './jwt-secret';
