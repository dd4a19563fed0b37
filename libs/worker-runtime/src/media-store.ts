import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectStore } from '@nats-io/obj';
import { headers } from '@nats-io/transport-node';

/**
 * Media in the namespace's object store: uploads come in, rendered files go out. Files are
 * streamed in chunks, never held whole in memory.
 */
export class MediaStore {
  constructor(private readonly bucket: ObjectStore) {}

  /** Copies an object to a local file; false when there is no such object. */
  async download(name: string, filePath: string): Promise<boolean> {
    const result = await this.bucket.get(name);
    if (result === null) return false;
    await pipeline(Readable.fromWeb(result.data as import('node:stream/web').ReadableStream), createWriteStream(filePath));
    const error = await result.error;
    if (error) throw error;
    return true;
  }

  /** Stores a local file under `name`, with its content type. */
  async upload(name: string, filePath: string, contentType: string): Promise<void> {
    const source = Readable.toWeb(createReadStream(filePath)) as ReadableStream<Uint8Array>;
    const meta = headers();
    meta.set('Content-Type', contentType);
    await this.bucket.put({ name, headers: meta }, source);
  }

  async exists(name: string): Promise<boolean> {
    return (await this.bucket.info(name)) !== null;
  }
}
