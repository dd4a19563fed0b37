import type { DataSource } from 'typeorm';

/** Recording every use would be a write per request; a minute is precise enough to spot idle keys. */
const LAST_USED_RESOLUTION = '1 minute';

/** Records that a key was used at `now`, unless it was already recorded less than a minute before. */
export async function touchApiKey(ds: DataSource, keyId: string, now = new Date()): Promise<void> {
  await ds.query(
    `UPDATE api_keys SET last_used_at = $2
      WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '${LAST_USED_RESOLUTION}')`,
    [keyId, now],
  );
}
