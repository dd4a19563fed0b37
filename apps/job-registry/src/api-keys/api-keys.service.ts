import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  CodedError,
  type ApiKeyCreatePayload,
  type ApiKeyPrincipal,
  type ApiKeyRevokePayload,
  type ApiKeysPayload,
  type ApiKeyVerifyPayload,
  type ApiKeyView,
} from '@jetjobs/contracts';
import { findApiKey, insertApiKey, listApiKeys, revokeApiKey, touchApiKey } from '@jetjobs/persistence';
import { DATA_SOURCE } from '../database/database.providers';

/** Compared against when the key id is unknown, so that both answers take the same time. */
const NO_HASH = '0'.repeat(64);

/**
 * API keys: created and revoked by operators (the CLI), verified by the gateway. Only hashes of
 * secrets arrive here, and an unknown, wrong or revoked key gets one and the same answer.
 */
@Injectable()
export class ApiKeysService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  create(payload: ApiKeyCreatePayload): Promise<ApiKeyView> {
    return insertApiKey(this.dataSource, payload);
  }

  async revoke({ keyId }: ApiKeyRevokePayload): Promise<ApiKeyView> {
    const revoked = await revokeApiKey(this.dataSource, keyId);
    if (revoked === null) throw new CodedError('not_found', `No API key with id ${keyId}`);
    return revoked;
  }

  async list({ projectId }: ApiKeysPayload): Promise<{ items: ApiKeyView[] }> {
    return { items: await listApiKeys(this.dataSource, projectId) };
  }

  async verify({ keyId, secretHash }: ApiKeyVerifyPayload): Promise<ApiKeyPrincipal> {
    const key = await findApiKey(this.dataSource, keyId);
    const matches = sameHash(key?.secretHash ?? NO_HASH, secretHash);
    if (key === null || !matches || key.revokedAt !== null) throw new CodedError('unauthorized', 'Invalid or revoked API key');
    await touchApiKey(this.dataSource, keyId);
    return { projectId: key.projectId, scopes: key.scopes, subject: `api-key:${key.id}` };
  }
}

/** Constant time, so that response times do not reveal how much of a hash matched. */
function sameHash(stored: string, presented: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(presented, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
