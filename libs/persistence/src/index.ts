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
export { applyEventsInOrder, type InOrderBatch, type InOrderResult } from './projection/apply-events-in-order';
export { listJobs } from './queries/list-jobs.query';
export { readCheckpoint } from './queries/read-checkpoint.query';
export { readJobHistories, type HistoryEvent } from './queries/read-job-histories.query';
export { CreateWebhookTables1767330000000 } from './migrations/1767330000000-create-webhook-tables.migration';
export { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
export { WebhookSecretEntity } from './entities/webhook-secret.entity';
export { claimWebhookAttempt, type WebhookAttemptClaim } from './webhooks/claim-webhook-attempt';
export { finishWebhookAttempt, type WebhookAttemptOutcome } from './webhooks/finish-webhook-attempt';
export { latestWebhookAttempt } from './webhooks/latest-webhook-attempt.query';
export { listWebhookDeliveries } from './webhooks/list-webhook-deliveries.query';
export { ensureWebhookSecret } from './webhooks/ensure-webhook-secret';
export { CreateApiKeysTable1767340000000 } from './migrations/1767340000000-create-api-keys-table.migration';
export { ApiKeyEntity } from './entities/api-key.entity';
export { type ApiKeyRecord } from './api-keys/api-key.record';
export { insertApiKey } from './api-keys/insert-api-key';
export { revokeApiKey } from './api-keys/revoke-api-key';
export { touchApiKey } from './api-keys/touch-api-key';
export { findApiKey } from './api-keys/find-api-key.query';
export { listApiKeys } from './api-keys/list-api-keys.query';
export { connectDatabase, type ConnectOptions } from './connection/connect-database';
export { listFailedJobs } from './queries/list-failed-jobs.query';
export { readProjectionCheckpoints, type ProjectionCheckpoint } from './queries/read-projection-checkpoints.query';
export { REBUILD_SCHEMA, PROJECTION_TABLES, openShadowDatabase, readShadowCheckpoint, dropShadowSchema } from './rebuild/shadow-schema';
export { tryRebuildLock } from './rebuild/rebuild-lock';
export { ProjectionVerifier, ProjectionMismatchError, type VerifiedTable } from './rebuild/projection-verifier';
export { swapProjectionTables, projectionDependents, type SwapOptions } from './rebuild/swap-projection-tables';
export { searchJobs } from './queries/search-jobs.query';
export { failureGroups } from './queries/failure-groups.query';
export { jobIdRange } from './queries/job-id-range';
