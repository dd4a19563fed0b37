import type { DataSource } from 'typeorm';
import { CodedError, type ApiKeyCreatePayload } from '@jetjobs/contracts';
import { closeDatabase, openDatabase } from '../connection/open-database';
import { dropDatabase, freshDatabaseUrl } from '../testing/test-database';
import { findApiKey } from './find-api-key.query';
import { insertApiKey } from './insert-api-key';
import { listApiKeys } from './list-api-keys.query';
import { revokeApiKey } from './revoke-api-key';
import { touchApiKey } from './touch-api-key';

let counter = 0;
const newKey = (overrides: Partial<ApiKeyCreatePayload> = {}): ApiKeyCreatePayload => {
  counter += 1;
  const keyId = counter.toString(16).padStart(16, '0');
  return { keyId, projectId: 'project-a', scopes: ['job:read'], name: null, prefix: `jj_${keyId}_abcd`, secretHash: 'ab'.repeat(32), ...overrides };
};
const at = (iso: string) => new Date(iso);

describe('api key storage', () => {
  const url = freshDatabaseUrl('apikeys');
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openDatabase(url);
  });
  afterAll(async () => {
    await closeDatabase(ds);
    await dropDatabase(url);
  });

  it('inserts a key and finds it with its hash; the view has no hash', async () => {
    const key = newKey({ scopes: ['job:read', 'job:write'], name: 'ci deploys' });
    const view = await insertApiKey(ds, key, at('2030-01-01T00:00:00.123Z'));

    expect(view).toEqual({
      id: key.keyId,
      projectId: 'project-a',
      name: 'ci deploys',
      prefix: key.prefix,
      scopes: ['job:read', 'job:write'],
      createdAt: '2030-01-01T00:00:00.123Z',
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(view).not.toHaveProperty('secretHash');
    expect(await findApiKey(ds, key.keyId)).toEqual({ ...view, secretHash: key.secretHash });
    expect(await findApiKey(ds, 'ffffffffffffffff')).toBeNull();
  });

  it('refuses a second key with the same id as a conflict', async () => {
    const key = newKey();
    await insertApiKey(ds, key);
    const again = insertApiKey(ds, key);
    await expect(again).rejects.toBeInstanceOf(CodedError);
    await expect(again).rejects.toMatchObject({ code: 'conflict' });
  });

  it('lists a project\'s keys newest first, revoked ones included, and no other project\'s', async () => {
    const older = newKey({ projectId: 'project-list' });
    const newer = newKey({ projectId: 'project-list' });
    await insertApiKey(ds, older, at('2030-02-01T00:00:00Z'));
    await insertApiKey(ds, newer, at('2030-02-02T00:00:00Z'));
    await insertApiKey(ds, newKey({ projectId: 'project-other' }));
    await revokeApiKey(ds, older.keyId);

    const listed = await listApiKeys(ds, 'project-list');
    expect(listed.map((k) => k.id)).toEqual([newer.keyId, older.keyId]);
    expect(listed[1]!.revokedAt).not.toBeNull();
    expect(await listApiKeys(ds, 'project-none')).toEqual([]);
  });

  it('revokes once: a second revocation keeps the first time; an unknown id gives null', async () => {
    const key = newKey();
    await insertApiKey(ds, key);
    const first = await revokeApiKey(ds, key.keyId, at('2030-03-01T00:00:00Z'));
    const second = await revokeApiKey(ds, key.keyId, at('2030-03-02T00:00:00Z'));

    expect(first?.revokedAt).toBe('2030-03-01T00:00:00.000Z');
    expect(second).toEqual(first);
    expect((await findApiKey(ds, key.keyId))?.revokedAt).toBe('2030-03-01T00:00:00.000Z');
    expect(await revokeApiKey(ds, 'eeeeeeeeeeeeeeee')).toBeNull();
  });

  it('records the last use at most once a minute', async () => {
    const key = newKey();
    await insertApiKey(ds, key);
    await touchApiKey(ds, key.keyId, at('2030-04-01T00:00:00Z'));
    await touchApiKey(ds, key.keyId, at('2030-04-01T00:00:30Z'));
    expect((await findApiKey(ds, key.keyId))?.lastUsedAt).toBe('2030-04-01T00:00:00.000Z');
    await touchApiKey(ds, key.keyId, at('2030-04-01T00:01:01Z'));
    expect((await findApiKey(ds, key.keyId))?.lastUsedAt).toBe('2030-04-01T00:01:01.000Z');
  });

  it('lets the schema refuse a malformed id or hash, whatever the caller checked', async () => {
    await expect(insertApiKey(ds, newKey({ keyId: 'NOT-HEX' }))).rejects.toThrow(/api_keys_id_check|check constraint/);
    await expect(insertApiKey(ds, newKey({ secretHash: 'plaintext' }))).rejects.toThrow(/check constraint/);
  });
});
