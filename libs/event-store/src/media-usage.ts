import { createHash, randomUUID } from 'node:crypto';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Names } from '@jetjobs/contracts';

/** Bytes held for an upload in flight; released when it is stored (or fails). */
export interface UsageReservation {
  readonly key: string;
}

/** A project's uploads would pass its storage quota. */
export class StorageQuotaExceededError extends Error {
  constructor(
    readonly usedBytes: number,
    readonly wantedBytes: number,
    readonly quotaBytes: number,
  ) {
    super(`The project stores ${usedBytes} bytes of uploads; ${wantedBytes} more would pass its quota of ${quotaBytes}`);
    this.name = 'StorageQuotaExceededError';
  }
}

interface Entry {
  readonly bytes: number;
  readonly at: number;
}

/** A reservation of a gateway that died mid-upload stops counting after this. */
const RESERVATION_LIFETIME_MS = 6 * 60 * 60 * 1000;

/**
 * Bytes of uploads each project stores, for its quota: one KV entry per stored upload and one
 * per upload in flight, under the project's prefix. An upload first writes its own reservation,
 * then sums the stored uploads and the reservations written before its own (the stream's
 * revision orders them): of uploads racing for the last bytes the earlier ones are admitted, and
 * the latest admitted one has counted every other admitted one, so the quota is never passed.
 * Nothing is read-modify-written, so there is no lost update to guard against. A stored upload
 * is recorded before its reservation is released, so it is never counted by neither. Entries go when the upload
 * is deleted (`forget`, by the registry once its job ends); media expiry removes the entries with
 * the objects (the bucket's TTL is the media bucket's).
 */
export class MediaUsage {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, names: Names): Promise<MediaUsage> {
    return new MediaUsage(await new Kvm(nc).create(names.mediaUsageBucket, { history: 1 }));
  }

  /** Holds `bytes` for an upload; throws `StorageQuotaExceededError` when the quota would pass. */
  async reserve(projectId: string, bytes: number, quotaBytes: number): Promise<UsageReservation> {
    const key = `${prefixOf(projectId)}.r.${randomUUID()}`;
    const revision = await this.kv.put(key, encode({ bytes, at: Date.now() }));
    const used = await this.usedBytes(projectId, revision);
    if (used <= quotaBytes) return { key };
    await this.kv.purge(key);
    throw new StorageQuotaExceededError(used - bytes, bytes, quotaBytes);
  }

  async release(reservation: UsageReservation): Promise<void> {
    await this.kv.purge(reservation.key);
  }

  /** Counts a stored upload against its project. */
  async record(projectId: string, object: string, bytes: number): Promise<void> {
    await this.kv.put(objectKey(projectId, object), encode({ bytes, at: Date.now() }));
  }

  /** Stops counting an upload that was deleted. */
  async forget(projectId: string, object: string): Promise<void> {
    await this.kv.purge(objectKey(projectId, object));
  }

  /** Stored uploads and live reservations (those up to `revision`) of the project, in bytes. */
  async usedBytes(projectId: string, revision = Number.POSITIVE_INFINITY): Promise<number> {
    let total = 0;
    const stale = Date.now() - RESERVATION_LIFETIME_MS;
    for await (const key of await this.kv.keys(`${prefixOf(projectId)}.>`)) {
      const entry = await this.kv.get(key);
      if (!entry || entry.operation !== 'PUT') continue;
      const { bytes, at } = entry.json<Entry>();
      if (key.includes('.r.') && (at < stale || entry.revision > revision)) continue;
      total += bytes;
    }
    return total;
  }
}

/** KV keys allow few characters: project ids and object names are hashed into them. */
function prefixOf(projectId: string): string {
  return `p${hash(projectId)}`;
}

function objectKey(projectId: string, object: string): string {
  return `${prefixOf(projectId)}.o.${hash(object)}`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function encode(entry: Entry): string {
  return JSON.stringify(entry);
}
