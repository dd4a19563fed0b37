import type { ApiKeyView } from '@jetjobs/contracts';
import type { DataSource } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { toApiKeyView } from './api-key.record';

/** Every key of a project, revoked ones included, newest first. A project has few keys: no paging. */
export async function listApiKeys(ds: DataSource, projectId: string): Promise<ApiKeyView[]> {
  const rows = await ds.getRepository(ApiKeyEntity).find({ where: { projectId }, order: { createdAt: 'DESC', id: 'DESC' } });
  return rows.map(toApiKeyView);
}
