import type { DataSource } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { toApiKeyView, type ApiKeyRecord } from './api-key.record';

/** One key with the hash of its secret, revoked or not, or null when no key has this id. */
export async function findApiKey(ds: DataSource, keyId: string): Promise<ApiKeyRecord | null> {
  const row = await ds.getRepository(ApiKeyEntity).findOneBy({ id: keyId });
  return row === null ? null : { ...toApiKeyView(row), secretHash: row.secretHash };
}
