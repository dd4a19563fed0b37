import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook signing secrets (one per project, made on first use) and every delivery attempt. An
 * attempt row is written before its request leaves, so a registry that dies mid-request leaves a
 * trace; the partial unique index makes a second successful delivery of one event impossible.
 */
export class CreateWebhookTables1767330000000 implements MigrationInterface {
  readonly name = 'CreateWebhookTables1767330000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_secrets (
        project_id text PRIMARY KEY,
        secret text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id text NOT NULL,
        job_id uuid NOT NULL,
        project_id text NOT NULL,
        url text NOT NULL,
        event_type text NOT NULL,
        event_version integer NOT NULL CHECK (event_version > 0),
        attempt integer NOT NULL CHECK (attempt > 0),
        state text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
        status_code integer NULL,
        error text NULL,
        duration_ms integer NULL CHECK (duration_ms >= 0),
        attempted_at timestamptz NOT NULL,
        delivered_at timestamptz NULL,
        next_attempt_at timestamptz NULL,
        CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (id, attempt),
        CONSTRAINT webhook_deliveries_event_attempt_key UNIQUE (job_id, event_version, attempt)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX webhook_deliveries_one_success_idx ON webhook_deliveries (job_id, event_version) WHERE state = 'delivered'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhook_deliveries');
    await queryRunner.query('DROP TABLE webhook_secrets');
  }
}
