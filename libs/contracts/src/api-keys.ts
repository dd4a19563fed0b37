import { z } from 'zod';

/**
 * API keys as job-registry stores and serves them. The plaintext key never reaches the registry:
 * its creator sends the id, a display prefix and the SHA-256 of the secret; a verifier sends the
 * id and the hash of the secret it was shown.
 */
export const apiKeyIdSchema = z.string().regex(/^[0-9a-f]{16}$/, '16 lowercase hex digits');
const secretHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a hex SHA-256');
/** Scope names as they travel; which scopes exist is the auth library's business. */
const scopeSchema = z.string().regex(/^[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*)?$/, 'a scope such as job:read');

/** Why `admin` is refused on API keys, in words an operator can act on. */
export const API_KEY_ADMIN_REFUSED =
  'admin cannot be granted to an API key (a key is bound to one project, admin reads every project): use an operator token, jetjobs token --scope admin';

export const apiKeyCreatePayloadSchema = z.object({
  keyId: apiKeyIdSchema,
  projectId: z.string().min(1).max(200),
  // A key is bound to one project; `admin` reads every project's events, so no key carries it:
  // operators get admin from a token they sign with the platform secret (`jetjobs token`).
  scopes: z
    .array(scopeSchema)
    .min(1)
    .max(20)
    .refine((scopes) => !scopes.includes('admin'), API_KEY_ADMIN_REFUSED),
  name: z.string().min(1).max(200).nullable(),
  prefix: z.string().min(1).max(64),
  secretHash: secretHashSchema,
});
export type ApiKeyCreatePayload = z.infer<typeof apiKeyCreatePayloadSchema>;

export const apiKeyRevokePayloadSchema = z.object({ keyId: apiKeyIdSchema });
export type ApiKeyRevokePayload = z.infer<typeof apiKeyRevokePayloadSchema>;

export const apiKeysPayloadSchema = z.object({ projectId: z.string().min(1).max(200) });
export type ApiKeysPayload = z.infer<typeof apiKeysPayloadSchema>;

export const apiKeyVerifyPayloadSchema = z.object({ keyId: apiKeyIdSchema, secretHash: secretHashSchema });
export type ApiKeyVerifyPayload = z.infer<typeof apiKeyVerifyPayloadSchema>;

/** An API key as operators see it: never its secret or its hash. */
export interface ApiKeyView {
  readonly id: string;
  readonly projectId: string;
  readonly name: string | null;
  /** `jj_<id>_` and the first characters of the secret, to recognise a key in a list. */
  readonly prefix: string;
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

/** Who a valid key speaks for: the same shape a verified JWT gives. */
export interface ApiKeyPrincipal {
  readonly projectId: string;
  readonly scopes: readonly string[];
  /** `api-key:<id>`, so that audit trails name the key, never its secret. */
  readonly subject: string;
}
