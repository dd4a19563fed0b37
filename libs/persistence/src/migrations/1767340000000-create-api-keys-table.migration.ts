import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys, stored as the SHA-256 of their secret (never the key itself). Revocation keeps the
 * row: a revoked key must stay recognisable in listings and audit trails.
 */
export class CreateApiKeysTable1767340000000 implements MigrationInterface {
  // Explicit so that a bundler renaming classes cannot change the name recorded in the database.
  readonly name = 'CreateApiKeysTable1767340000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{16}$'),
        project_id text NOT NULL,
        name text NULL,
        prefix text NOT NULL,
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
        secret_hash text NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL,
        revoked_at timestamptz NULL,
        last_used_at timestamptz NULL
      )`);
    await queryRunner.query('CREATE INDEX api_keys_project_created_idx ON api_keys (project_id, created_at DESC, id DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api_keys');
  }
}
