import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes behind the console's search: every project newest first (operators list across
 * projects), JSON containment on a job's input and result (`@>` with `jsonb_path_ops`, the
 * smaller GIN flavour, which answers exactly that operator), and failed jobs by error code.
 * A job-id prefix needs none: it becomes a range on the primary key.
 */
export class AddConsoleSearchIndexes1767350000000 implements MigrationInterface {
  // Explicit so that a bundler renaming classes cannot change the name recorded in the database.
  readonly name = 'AddConsoleSearchIndexes1767350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX jobs_created_idx ON jobs (created_at DESC, id DESC)');
    await queryRunner.query("CREATE INDEX jobs_input_match_idx ON jobs USING gin ((state -> 'input') jsonb_path_ops)");
    await queryRunner.query("CREATE INDEX jobs_result_match_idx ON jobs USING gin ((state -> 'result') jsonb_path_ops)");
    await queryRunner.query(
      "CREATE INDEX jobs_failed_code_idx ON jobs (kind, (state -> 'error' ->> 'code')) WHERE status = 'failed'",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX jobs_failed_code_idx');
    await queryRunner.query('DROP INDEX jobs_result_match_idx');
    await queryRunner.query('DROP INDEX jobs_input_match_idx');
    await queryRunner.query('DROP INDEX jobs_created_idx');
  }
}
