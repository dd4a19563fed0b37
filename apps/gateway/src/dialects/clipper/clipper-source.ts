import type { Request } from 'express';
import { CodedError, clipperInputSchema, type ClipperInput, type MediaRef } from '@jetjobs/contracts';
import { assertPublicHttpUrl } from '@jetjobs/url-safety';
import type { GatewayConfig } from '../../config/gateway-config';
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
  if (contentType !== undefined && isJsonMediaType(contentType)) return { url: clipperJsonUrl(body, EXACTLY_ONE) };
  throw new CodedError('validation_failed', `Unsupported Content-Type ${contentType ?? '(none)'}. ${EXACTLY_ONE}`);
}

/**
 * The `url` of a JSON clipper body (`{"url": …}`), trimmed. The message starts with the field and
 * ends with `advice`, which says what the caller's route takes.
 */
export function clipperJsonUrl(body: unknown, advice: string): string {
  const url = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['url'] : undefined;
  if (typeof url === 'string' && url.trim() !== '') return url.trim();
  if (url !== undefined && typeof url !== 'string') throw new CodedError('validation_failed', `url: must be a string. ${advice}`);
  throw new CodedError('validation_failed', `url: is required. ${advice}`);
}

/** The clipper job input for a source; a URL must be public http(s), checked against its resolved addresses. */
export async function clipperInputOf(source: ClipperSource, allowlist: GatewayConfig['JETJOBS_SOURCE_URL_ALLOWLIST']): Promise<ClipperInput> {
  const checked = 'url' in source ? { url: (await assertPublicHttpUrl(source.url, { allowlist })).href } : source;
  return clipperInputSchema.parse({ source: checked });
}
