import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ObjectStore } from '@nats-io/obj';
import { headers } from '@nats-io/transport-node';

/** Puts a local file into the media object store under `name`, with its Content-Type. */
export type MediaFiles = (name: string, file: string, contentType: string) => Promise<void>;

/**
 * Writes straight to the media bucket with a real NATS header set. The worker runtime's
 * `MediaStore.upload` passes a plain object as headers, which @nats-io/obj 3.4 rejects
 * ("toRecord is not a function"); the gateway's `/videos` route serves this Content-Type.
 */
export function bucketMediaFiles(bucket: ObjectStore): MediaFiles {
  return async (name, file, contentType) => {
    const meta = headers();
    meta.set('Content-Type', contentType);
    await bucket.put({ name, headers: meta }, Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
  };
}
