/**
 * The registry's PostgreSQL: schema (entities and migrations), the projector's exactly-once batch
 * writer, and the queries job-registry answers from. Depends on contracts and the job domain only.
 */
export { openDatabase, closeDatabase, REGISTRY_ENTITIES } from './connection/open-database';
export { DatabaseUnreachableError } from './connection/database-unreachable.error';
export { REGISTRY_MIGRATIONS } from './migrations/registry.migrations';
export { CreateRegistrySchema1767225600000 } from './migrations/1767225600000-create-registry-schema.migration';
export { JobEntity } from './entities/job.entity';
export { JobEventEntity } from './entities/job-event.entity';
export { ProjectionCheckpointEntity } from './entities/projection-checkpoint.entity';
export { bigintTransformer } from './entities/bigint.transformer';
export { applyEventBatch, type ApplyBatchResult } from './projection/apply-event-batch';
export { listJobs } from './queries/list-jobs.query';
export { getJobRow } from './queries/get-job-row.query';
export { readCheckpoint } from './queries/read-checkpoint.query';
export { readJobEvents } from './queries/read-job-events.query';
