import { closeDatabase, openDatabase } from './open-database';
import { DatabaseUnreachableError } from './database-unreachable.error';
import { REGISTRY_MIGRATIONS } from '../migrations/registry.migrations';
import { databaseExists, dropDatabase, freshDatabaseUrl } from '../testing/test-database';

const tablesOf = async (url: string): Promise<string[]> => {
  const ds = await openDatabase(url);
  try {
    const rows: { table_name: string }[] = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    return rows.map((r) => r.table_name);
  } finally {
    await closeDatabase(ds);
  }
};

describe('openDatabase', () => {
  const urls: string[] = [];
  const fresh = (): string => {
    const url = freshDatabaseUrl('open');
    urls.push(url);
    return url;
  };

  afterEach(async () => {
    for (const url of urls.splice(0)) await dropDatabase(url);
  });

  it('creates a missing database and migrates it to the registry tables', async () => {
    const url = fresh();
    expect(await databaseExists(url)).toBe(false);

    // Later migrations add their own tables; each has its own test.
    expect(await tablesOf(url)).toEqual(expect.arrayContaining(['job_events', 'jobs', 'projection_checkpoints', 'schema_migrations']));
    expect(await databaseExists(url)).toBe(true);
  });

  it('creates the list indexes, newest first', async () => {
    const ds = await openDatabase(fresh());
    try {
      const rows: { indexdef: string }[] = await ds.query(
        `SELECT indexdef FROM pg_indexes WHERE tablename = 'jobs' AND indexname LIKE 'jobs_project_%' ORDER BY indexname`,
      );
      expect(rows.map((r) => r.indexdef.replace(/^.* USING btree /, ''))).toEqual([
        '(project_id, created_at DESC, id DESC)',
        '(project_id, kind)',
        '(project_id, status)',
      ]);
    } finally {
      await closeDatabase(ds);
    }
  });

  it('is idempotent: a second open runs no migration and keeps the data', async () => {
    const url = fresh();
    const first = await openDatabase(url);
    await first.query(`INSERT INTO projection_checkpoints (name, last_seq, updated_at) VALUES ('p', 7, now())`);
    await closeDatabase(first);

    const second = await openDatabase(url);
    try {
      expect(await second.query('SELECT count(*)::int AS n FROM schema_migrations')).toEqual([{ n: REGISTRY_MIGRATIONS.length }]);
      expect(await second.query('SELECT last_seq FROM projection_checkpoints')).toEqual([{ last_seq: '7' }]);
    } finally {
      await closeDatabase(second);
    }
  });

  it('lets replicas that start together create and migrate one database', async () => {
    const url = fresh();
    const opened = await Promise.all([openDatabase(url), openDatabase(url), openDatabase(url)]);
    try {
      expect(await opened[0]!.query('SELECT count(*)::int AS n FROM schema_migrations')).toEqual([{ n: REGISTRY_MIGRATIONS.length }]);
    } finally {
      await Promise.all(opened.map(closeDatabase));
    }
  });

  it('migrates down and up again', async () => {
    const ds = await openDatabase(fresh());
    try {
      for (let i = 0; i < REGISTRY_MIGRATIONS.length; i++) await ds.undoLastMigration();
      const left: { n: number }[] = await ds.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('jobs', 'job_events', 'projection_checkpoints')`,
      );
      expect(left).toEqual([{ n: 0 }]);
      expect(await ds.runMigrations()).toHaveLength(REGISTRY_MIGRATIONS.length);
    } finally {
      await closeDatabase(ds);
    }
  });

  it('names the host and port it could not reach', async () => {
    const attempt = openDatabase('postgres://postgres:secret@127.0.0.1:1/nowhere');

    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnreachableError);
    await expect(attempt).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('PostgreSQL at 127.0.0.1:1 is unreachable'),
    });
    await expect(attempt).rejects.not.toMatchObject({ message: expect.stringContaining('secret') });
  });

  it('names the host and port when every address of a name refuses', async () => {
    await expect(openDatabase('postgres://postgres@localhost:1/nowhere')).rejects.toMatchObject({
      name: 'DatabaseUnreachableError',
      message: expect.stringMatching(/^PostgreSQL at localhost:1 is unreachable: .*ECONNREFUSED/),
    });
  });

  it('closing twice is harmless', async () => {
    const ds = await openDatabase(fresh());
    await closeDatabase(ds);
    await expect(closeDatabase(ds)).resolves.toBeUndefined();
  });
});
