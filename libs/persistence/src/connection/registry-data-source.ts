import { DataSource } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { JobEntity } from '../entities/job.entity';
import { JobEventEntity } from '../entities/job-event.entity';
import { ProjectionCheckpointEntity } from '../entities/projection-checkpoint.entity';
import { WebhookDeliveryEntity } from '../entities/webhook-delivery.entity';
import { WebhookSecretEntity } from '../entities/webhook-secret.entity';
import { REGISTRY_MIGRATIONS } from '../migrations/registry.migrations';

/** Every entity of the registry schema. */
export const REGISTRY_ENTITIES = [JobEntity, JobEventEntity, ProjectionCheckpointEntity, WebhookDeliveryEntity, WebhookSecretEntity, ApiKeyEntity];

export const CONNECT_TIMEOUT_MS = 10_000;

export interface RegistryDataSourceOptions {
  /** Shown in `pg_stat_activity`, so an operator can tell the services from the tools. */
  readonly applicationName: string;
  /** Resolve unqualified table names in this schema only (a projection being rebuilt). */
  readonly schema?: string;
}

/**
 * The one description of a connection to the registry database (entities, migrations, their
 * table, timeouts), for the registry and the operator tools alike, so that a tool's
 * `runMigrations()` builds exactly the schema the registry builds. Not yet connected.
 */
export function registryDataSource(url: string, options: RegistryDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: REGISTRY_ENTITIES,
    migrations: REGISTRY_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    // The schema only ever changes through migrations.
    synchronize: false,
    installExtensions: false,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    applicationName: options.applicationName,
    // A startup parameter rather than a SET: it holds for every pooled connection, including the
    // ones TypeORM opens for migrations and transactions.
    ...(options.schema !== undefined ? { extra: { options: `-c search_path=${options.schema}` } } : {}),
  });
}
