import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ObjectStore } from '@nats-io/obj';
import { headers } from '@nats-io/transport-node';
import { mediaOwnerMetadata, type MediaOwner } from '@jetjobs/contracts';

/**
 * Puts a local file into the media object store under `name`, with its Content-Type and its owner
 * (the job's project: the gateway serves it to that project only).
 */
export type MediaFiles = (name: string, file: string, contentType: string, owner: MediaOwner) => Promise<void>;

/**
 * Writes straight to the media bucket with a real NATS header set. The worker runtime's
 * `MediaStore.upload` passes a plain object as headers, which @nats-io/obj 3.4 rejects
 * ("toRecord is not a function"); the gateway's `/videos` route serves this Content-Type.
 */
export function bucketMediaFiles(bucket: ObjectStore): MediaFiles {
  return async (name, file, contentType, owner) => {
    const meta = headers();
    meta.set('Content-Type', contentType);
    await bucket.put({ name, headers: meta, metadata: mediaOwnerMetadata(owner) }, Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
  };
}
