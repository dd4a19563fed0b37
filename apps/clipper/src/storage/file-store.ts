import type { ObjectStore } from '@nats-io/obj';
import type { MediaOwner } from '@jetjobs/contracts';
import { MediaStore } from '@jetjobs/worker-runtime';

/**
 * Puts a local file into the media object store under `name`, with its Content-Type and its owner
 * (the job's project: the gateway serves it to that project only).
 */
export type FileStore = (name: string, file: string, contentType: string, owner: MediaOwner) => Promise<void>;

/** The worker runtime's `MediaStore.upload`, unscoped: the caller names the owner. */
export function bucketFileStore(bucket: ObjectStore): FileStore {
  const store = new MediaStore(bucket);
  return (name, file, contentType, owner) => store.upload(name, file, contentType, owner);
}
