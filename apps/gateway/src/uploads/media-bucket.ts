import { Inject, Injectable } from '@nestjs/common';
import { Objm, type ObjectInfo, type ObjectStore } from '@nats-io/obj';
import { isOwnedBy, type MediaPurpose, type Names } from '@jetjobs/contracts';
import { MediaUsage } from '@jetjobs/event-store';
import { NAMES, NATS_CONNECTION, type NatsConnection } from '@jetjobs/event-store-nest';

/**
 * The namespace's media object store (uploads in, rendered clips out). The bucket itself is created
 * with the streams at start-up; it is opened on first use and the handle shared.
 */
@Injectable()
export class MediaBucket {
  private store: Promise<ObjectStore> | undefined;
  private ledger: Promise<MediaUsage> | undefined;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(NAMES) private readonly names: Names,
  ) {}

  open(): Promise<ObjectStore> {
    this.store ??= new Objm(this.nc).open(this.names.mediaBucket).catch((error: unknown) => {
      this.store = undefined;
      throw error;
    });
    return this.store;
  }

  /** The ledger of bytes each project's uploads hold, for the storage quota. */
  usage(): Promise<MediaUsage> {
    this.ledger ??= MediaUsage.open(this.nc, this.names).catch((error: unknown) => {
      this.ledger = undefined;
      throw error;
    });
    return this.ledger;
  }

  /**
   * The object's info when it exists and belongs to `projectId` (with `purpose`, if given); null
   * otherwise. Callers answer null as "not found", so another project's object is indistinguishable
   * from a missing one.
   */
  async ownedInfo(name: string, projectId: string, purpose?: MediaPurpose): Promise<ObjectInfo | null> {
    const info = await (await this.open()).info(name);
    return info && !info.deleted && isOwnedBy(info.metadata, projectId, purpose) ? info : null;
  }

  /** The JetStream stream behind the bucket (ADR-20 layout), for reading chunks directly. */
  get streamName(): string {
    return `OBJ_${this.names.mediaBucket}`;
  }

  /** The subject holding one object's chunks (ADR-20 layout). */
  chunkSubject(nuid: string): string {
    return `$O.${this.names.mediaBucket}.C.${nuid}`;
  }
}
