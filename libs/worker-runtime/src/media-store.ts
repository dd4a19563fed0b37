import { createReadStream, createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectStore } from '@nats-io/obj';
import { headers } from '@nats-io/transport-node';
import { isOwnedBy, MEDIA_PURPOSES, mediaOwnerMetadata, type MediaOwner } from '@jetjobs/contracts';

/** The job a store is scoped to: what it reads must be its project's, what it writes is recorded as its. */
export interface MediaScope {
  readonly projectId: string;
  readonly jobId: string;
}

/** An object larger than the reader's limit: its real size, not what a job input claimed. */
export class MediaTooLargeError extends Error {
  constructor(
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`The stored video is ${size} bytes, over the limit of ${maxBytes}`);
    this.name = 'MediaTooLargeError';
  }
}

/**
 * Media in the namespace's object store: uploads come in, rendered files go out. Files are
 * streamed in chunks, never held whole in memory. A job's handler gets a store scoped to its job
 * (`forJob`): every object it writes records the job's project, and it reads only objects its
 * project owns; another project's object is answered exactly like a missing one.
 */
export class MediaStore {
  constructor(
    private readonly bucket: ObjectStore,
    private readonly scope: MediaScope | null = null,
  ) {}

  /** The same bucket as `job` sees it. */
  forJob(job: { readonly id: string; readonly projectId: string }): MediaStore {
    return new MediaStore(this.bucket, { projectId: job.projectId, jobId: job.id });
  }

  /**
   * Copies an object to a local file; false when there is no such object, or (scoped) when it is
   * another project's. Throws `MediaTooLargeError` when the object is over `maxBytes`, checked on
   * its stored size before a byte is copied and again on the bytes as they arrive.
   */
  async download(name: string, filePath: string, options: { readonly maxBytes?: number } = {}): Promise<boolean> {
    const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    const info = await this.bucket.info(name);
    if (info === null || info.deleted) return false;
    if (this.scope && !isOwnedBy(info.metadata, this.scope.projectId)) return false;
    if (info.size > maxBytes) throw new MediaTooLargeError(info.size, maxBytes);
    const result = await this.bucket.get(name);
    if (result === null) return false;
    // The object may be replaced between the two reads: the copy is capped all the same.
    let received = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        callback(received > maxBytes ? new MediaTooLargeError(received, maxBytes) : null, chunk);
      },
    });
    await pipeline(Readable.fromWeb(result.data as import('node:stream/web').ReadableStream), cap, createWriteStream(filePath));
    const error = await result.error;
    if (error) throw error;
    return true;
  }

  /**
   * Stores a local file under `name`, with its content type and its owner: by default the scoped
   * job's project, as one of the job's outputs. An unscoped store must be told the owner.
   */
  async upload(name: string, filePath: string, contentType: string, owner?: MediaOwner): Promise<void> {
    const recorded = owner ?? (this.scope && { projectId: this.scope.projectId, jobId: this.scope.jobId, purpose: MEDIA_PURPOSES.output });
    if (!recorded) throw new Error(`MediaStore.upload of ${name}: an unscoped store needs the owner`);
    const source = Readable.toWeb(createReadStream(filePath)) as ReadableStream<Uint8Array>;
    const meta = headers();
    meta.set('Content-Type', contentType);
    await this.bucket.put({ name, headers: meta, metadata: mediaOwnerMetadata(recorded) }, source);
  }

  /** True when the object is there (and, scoped, is the project's own). */
  async exists(name: string): Promise<boolean> {
    const info = await this.bucket.info(name);
    return info !== null && !info.deleted && (!this.scope || isOwnedBy(info.metadata, this.scope.projectId));
  }
}
