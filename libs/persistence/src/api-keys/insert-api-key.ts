import { CodedError, type ApiKeyCreatePayload, type ApiKeyView } from '@jetjobs/contracts';
import { QueryFailedError, type DataSource } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { toApiKeyView } from './api-key.record';

const UNIQUE_VIOLATION = '23505';

/**
 * Stores a new key created at `now`.
 *
 * @throws CodedError `conflict` when a key with this id exists (ids are 64 random bits, so this
 * means the same request was sent twice rather than a collision).
 */
export async function insertApiKey(ds: DataSource, key: ApiKeyCreatePayload, now = new Date()): Promise<ApiKeyView> {
  const row = Object.assign(new ApiKeyEntity(), {
    id: key.keyId,
    projectId: key.projectId,
    name: key.name,
    prefix: key.prefix,
    scopes: [...key.scopes],
    secretHash: key.secretHash,
    createdAt: now,
    revokedAt: null,
    lastUsedAt: null,
  });
  try {
    await ds.getRepository(ApiKeyEntity).insert(row);
  } catch (error) {
    if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
      throw new CodedError('conflict', `An API key with id ${key.keyId} already exists`);
    }
    throw error;
  }
  return toApiKeyView(row);
}
