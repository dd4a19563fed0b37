import type { ApiKeyView } from '@jetjobs/contracts';
import type { DataSource } from 'typeorm';
import { viewOfColumns, type ApiKeyColumns } from './api-key.record';

/**
 * Revokes a key at `now` and returns it, or null when no key has this id. Revoking twice keeps
 * the first time, so a repeated request changes nothing.
 */
export async function revokeApiKey(ds: DataSource, keyId: string, now = new Date()): Promise<ApiKeyView | null> {
  const [rows] = (await ds.query('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING *', [keyId, now])) as [
    ApiKeyColumns[],
    number,
  ];
  const row = rows[0];
  return row === undefined ? null : viewOfColumns(row);
}
