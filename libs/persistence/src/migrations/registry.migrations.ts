import { CreateRegistrySchema1767225600000 } from './1767225600000-create-registry-schema.migration';
import { CreateWebhookTables1767330000000 } from './1767330000000-create-webhook-tables.migration';
import { CreateApiKeysTable1767340000000 } from './1767340000000-create-api-keys-table.migration';
import { AddConsoleSearchIndexes1767350000000 } from './1767350000000-add-console-search-indexes.migration';

/** Every registry migration, oldest first; `openDatabase` runs the pending ones. */
export const REGISTRY_MIGRATIONS = [CreateRegistrySchema1767225600000, CreateWebhookTables1767330000000, CreateApiKeysTable1767340000000,
  AddConsoleSearchIndexes1767350000000];
