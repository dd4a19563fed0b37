import { CodedError, MEDIA_PURPOSES } from '@jetjobs/contracts';
import type { MediaBucket } from '../uploads/media-bucket';

/**
 * A job input may name an upload (`input.source.upload.object`), and a worker will read that
 * object. Object names are derivable (`clips/<job id>/...`), so a name proves nothing: the object
 * must be an upload that records the caller's project. Anything else (another project's upload,
 * a job's output, an object that does not exist) gets the same 400, so the answer does not tell
 * whether the object exists. Workers check again, for inputs that did not come through here.
 */
export async function assertOwnUpload(bucket: MediaBucket, input: unknown, projectId: string): Promise<void> {
  const upload = uploadOf(input);
  if (upload === undefined) return;
  const object = (upload as { object?: unknown } | null)?.object;
  if (typeof object !== 'string' || object === '') {
    throw new CodedError('validation_failed', 'input.source.upload.object: must name an upload of this project');
  }
  const info = await bucket.ownedInfo(object, projectId, MEDIA_PURPOSES.upload);
  if (!info) {
    throw new CodedError(
      'validation_failed',
      `input.source.upload.object: "${object.slice(0, 200)}" is not an upload of this project; upload the video through one of the upload routes, or give input.source.url`,
    );
  }
}

function uploadOf(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return undefined;
  const source = (input as { source?: unknown }).source;
  if (typeof source !== 'object' || source === null || !Object.hasOwn(source, 'upload')) return undefined;
  return (source as { upload: unknown }).upload;
}
