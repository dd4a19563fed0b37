import type { DataSource } from 'typeorm';
import { WebhookSecretEntity } from '../entities/webhook-secret.entity';

/**
 * The project's webhook secret, storing `candidate` as that secret when the project has none
 * yet. Read first, since the secret exists on every call but the first. When replicas race to
 * create it, the insert waits for the winner, and only a statement started after that sees the
 * winner's row: hence the second read.
 */
export async function ensureWebhookSecret(ds: DataSource, projectId: string, candidate: string): Promise<string> {
  const secrets = ds.getRepository(WebhookSecretEntity);
  const existing = await secrets.findOneBy({ projectId });
  if (existing !== null) return existing.secret;
  await ds
    .createQueryBuilder()
    .insert()
    .into(WebhookSecretEntity)
    .values({ projectId, secret: candidate, createdAt: () => 'now()' })
    .orIgnore()
    .updateEntity(false)
    .execute();
  return (await secrets.findOneByOrFail({ projectId })).secret;
}
