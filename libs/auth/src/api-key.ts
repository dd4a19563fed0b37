import { createHash, randomBytes } from 'node:crypto';

/** Every API key starts with this, which is how a key is told apart from a JWT (`eyJ…`). */
export const API_KEY_PREFIX = 'jj_';

const KEY_ID_BYTES = 8;
const SECRET_BYTES = 32;
const API_KEY_PATTERN = /^jj_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** A new key as its creator holds it: `key` is shown once; only `secretHash` is ever stored. */
export interface NewApiKey {
  /** `jj_<keyId>_<secret>`: what the client sends as `Authorization: Bearer <key>`. */
  readonly key: string;
  readonly keyId: string;
  /** Hex SHA-256 of the secret part. */
  readonly secretHash: string;
  /** The id and the first characters of the secret, enough to recognise a key in a list. */
  readonly prefix: string;
}

/**
 * Generates an API key: a random id (the primary key, so lookups need no scan) and 32 random
 * bytes of secret. A plain SHA-256 is enough to store a secret this long: it cannot be guessed,
 * so the slow hashes passwords need would only slow down every request.
 */
export function generateApiKey(): NewApiKey {
  const keyId = randomBytes(KEY_ID_BYTES).toString('hex');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { key: `${API_KEY_PREFIX}${keyId}_${secret}`, keyId, secretHash: hashApiKeySecret(secret), prefix: `${API_KEY_PREFIX}${keyId}_${secret.slice(0, 4)}` };
}

export function isApiKeyShaped(credential: string): boolean {
  return credential.startsWith(API_KEY_PREFIX);
}

/** The id and the hash of the secret of a well-formed key, or null. */
export function parseApiKey(credential: string): { keyId: string; secretHash: string } | null {
  const [, keyId, secret] = API_KEY_PATTERN.exec(credential) ?? [];
  if (keyId === undefined || secret === undefined) return null;
  return { keyId, secretHash: hashApiKeySecret(secret) };
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
