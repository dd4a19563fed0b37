import type { Request } from 'express';
import { CodedError, type MediaRef } from '@jetjobs/contracts';
import { isJsonMediaType } from '../../jobs/json-body.guard';
import { isMultipart, type UploadService } from '../../uploads/upload.service';

/** What `POST /api/process` was given: a URL to fetch, or a video now in the object store. */
export type ClipperSource = { readonly url: string } | { readonly upload: MediaRef };

const EXACTLY_ONE = 'Send exactly one video: JSON {"url": "<http(s) URL>"} or multipart/form-data with the video in a "file" field';

/**
 * Reads the one video source of a clipper submission. A form may also give the URL as a `url`
 * field; a form with both is refused after the upload is removed again.
 */
export async function readClipperSource(request: Request, body: unknown, uploads: UploadService, maxFileBytes: number): Promise<ClipperSource> {
  const contentType = request.headers['content-type'];
  if (isMultipart(contentType)) {
    const { fields, file } = await uploads.receive(request, { maxFileBytes });
    const url = fields['url'];
    if (file && url !== undefined) {
      await uploads.discard(file);
      throw new CodedError('validation_failed', `Both a "file" and a "url" were sent. ${EXACTLY_ONE}`);
    }
    if (file) return { upload: file };
    if (url !== undefined && url.trim() !== '') return { url: url.trim() };
    throw new CodedError('validation_failed', `No video was sent. ${EXACTLY_ONE}`);
  }
  if (contentType !== undefined && isJsonMediaType(contentType)) {
    const url = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['url'] : undefined;
    if (typeof url === 'string' && url.trim() !== '') return { url: url.trim() };
    if (url !== undefined && typeof url !== 'string') throw new CodedError('validation_failed', `url: must be a string. ${EXACTLY_ONE}`);
    throw new CodedError('validation_failed', `url: is required. ${EXACTLY_ONE}`);
  }
  throw new CodedError('validation_failed', `Unsupported Content-Type ${contentType ?? '(none)'}. ${EXACTLY_ONE}`);
}
