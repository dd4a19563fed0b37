import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry's first schema: current job rows, the event history and projection checkpoints.
 * No foreign key from `job_events` to `jobs`: a stream trimmed by max age may hold events of a job
 * whose submission is gone, and its history is still worth keeping.
 */
export class CreateRegistrySchema1767225600000 implements MigrationInterface {
  // Explicit so that a bundler renaming classes cannot change the name recorded in the database.
  readonly name = 'CreateRegistrySchema1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE jobs (
        id uuid PRIMARY KEY,
        project_id text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        attempt integer NOT NULL,
        progress double precision NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        finished_at timestamptz NULL,
        last_seq bigint NOT NULL CHECK (last_seq > 0),
        state jsonb NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX jobs_project_created_idx ON jobs (project_id, created_at DESC, id DESC)',
    );
    await queryRunner.query('CREATE INDEX jobs_project_status_idx ON jobs (project_id, status)');
    await queryRunner.query('CREATE INDEX jobs_project_kind_idx ON jobs (project_id, kind)');
    await queryRunner.query(`
      CREATE TABLE job_events (
        job_id uuid NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        stream_seq bigint NOT NULL CHECK (stream_seq > 0),
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        CONSTRAINT job_events_pkey PRIMARY KEY (job_id, version),
        CONSTRAINT job_events_stream_seq_key UNIQUE (stream_seq)
      )`);
    await queryRunner.query(`
      CREATE TABLE projection_checkpoints (
        name text PRIMARY KEY,
        last_seq bigint NOT NULL CHECK (last_seq >= 0),
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE projection_checkpoints');
    await queryRunner.query('DROP TABLE job_events');
    await queryRunner.query('DROP TABLE jobs');
  }
}
