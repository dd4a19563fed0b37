import { createHash } from 'node:crypto';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Names } from '@jetjobs/contracts';

/**
 * Idempotency keys in a KV bucket whose entries expire after 24 h. `create` is atomic, so of two
 * concurrent submits with one key exactly one claims it; the other gets the first job's id.
 */
export class IdempotencyKeys {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, names: Names): Promise<IdempotencyKeys> {
    return new IdempotencyKeys(await new Kvm(nc).open(names.idempotencyBucket));
  }

  /** Returns the job id already bound to the key, or binds `jobId` to it and returns that. */
  async claim(projectId: string, key: string, jobId: string): Promise<{ jobId: string; claimed: boolean }> {
    const entryKey = keyFor(projectId, key);
    try {
      await this.kv.create(entryKey, jobId);
      return { jobId, claimed: true };
    } catch (error) {
      const existing = await this.kv.get(entryKey);
      if (existing === null || existing.operation !== 'PUT') throw error;
      return { jobId: existing.string(), claimed: false };
    }
  }
}

/** KV keys allow few characters, and client keys are arbitrary: hash project and key together. */
function keyFor(projectId: string, key: string): string {
  return createHash('sha256').update(projectId).update('\0').update(key).digest('hex');
}
