import type { ApiKeyView } from '@jetjobs/contracts';
import type { ApiKeyEntity } from '../entities/api-key.entity';

/** A stored key as the registry's verifier needs it: the operator's view plus the secret's hash. */
export interface ApiKeyRecord extends ApiKeyView {
  readonly secretHash: string;
}

export function toApiKeyView(row: ApiKeyEntity): ApiKeyView {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** A row as `RETURNING *` gives it: column names, not entity properties. */
export interface ApiKeyColumns {
  readonly id: string;
  readonly project_id: string;
  readonly name: string | null;
  readonly prefix: string;
  readonly scopes: string[];
  readonly secret_hash: string;
  readonly created_at: Date;
  readonly revoked_at: Date | null;
  readonly last_used_at: Date | null;
}

export function viewOfColumns(row: ApiKeyColumns): ApiKeyView {
  const { project_id: projectId, secret_hash: secretHash, created_at: createdAt, revoked_at: revokedAt, last_used_at: lastUsedAt } = row;
  return toApiKeyView({ ...row, projectId, secretHash, createdAt, revokedAt, lastUsedAt });
}
