import { CreateRegistrySchema1767225600000 } from './1767225600000-create-registry-schema.migration';

/** Every registry migration, oldest first; `openDatabase` runs the pending ones. */
export const REGISTRY_MIGRATIONS = [CreateRegistrySchema1767225600000];
