import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CodedError, type VideoSource } from '@jetjobs/contracts';
import { SOURCE_IDLE_TIMEOUT_DEFAULT_MS } from '@jetjobs/config';
import { safeFetch, TransferStalledError, type SafeResponse } from '@jetjobs/url-safety';
import { MediaTooLargeError, type MediaStore } from './media-store';
import { sniffSource } from './sniff-source';
import { PermanentError, RetryableError } from './worker-errors';

/** How far a download has got; `totalBytes` is null when the server sent no length. */
export interface DownloadProgress {
  readonly receivedBytes: number;
  readonly totalBytes: number | null;
}

export interface FetchVideoSourceOptions {
  readonly media: MediaStore;
  /** Directory the file is written to (a job's temp dir: it is removed with it). */
  readonly dir: string;
  /** Hosts and networks let through although internal (`JETJOBS_SOURCE_URL_ALLOWLIST`, parsed). */
  readonly allowlist: readonly string[];
  /** Largest video accepted, from a URL or an upload. */
  readonly maxBytes: number;
  /** Time for the whole download, redirects included. */
  readonly timeoutMs: number;
  /** Longest silence of the server, before the headers or between chunks; default 30 s. */
  readonly idleTimeoutMs?: number;
  /** Called as bytes arrive, at most every `PROGRESS_EVERY_MS` and once at the end. */
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** The job's signal: a cancel stops the download. */
  readonly signal?: AbortSignal;
}

export interface FetchedVideo {
  /** The local file. */
  readonly path: string;
  /** A name for messages and metadata: the upload's name, or the URL's last path segment. */
  readonly filename: string;
  /** The ffmpeg demuxer its bytes call for: pass it to every tool that opens the file. */
  readonly demuxer: string;
  /** The container recognised from its bytes (`mp4`, `webm`...). */
  readonly container: string;
}

/** Error codes a job fails with, so clients can tell the cases apart. */
export const SOURCE_ERROR_CODES = {
  invalidUrl: 'invalid_url',
  unreachable: 'source_unreachable',
  notFound: 'source_not_found',
  tooLarge: 'source_too_large',
  notVideo: 'source_not_video',
  stalled: 'source_stalled',
} as const;

const MAX_REDIRECTS = 5;
const PROGRESS_EVERY_MS = 500;
/** Answers that say the URL names no video at all; a retry cannot change them. */
const NON_VIDEO_TYPES = /^(text\/|application\/(json|xml|xhtml\+xml|javascript)|image\/)/i;

/**
 * Brings a job's video to a local file: an upload is copied out of the object store, a URL is
 * downloaded with `safeFetch` (http/https only, public addresses unless allowed, every redirect
 * checked, size capped while streaming, timed out overall and when the server goes quiet). Either
 * way the file's container is sniffed from its bytes and the file named by it (`sniffSource`).
 * Failures are classified for the retry policy: a refused URL, a 4xx answer, a non-video content
 * type or container, or an oversized body fail the job at once (`PermanentError`); an unreachable,
 * failing or stalled server is retried (`RetryableError`).
 *
 * @returns the local path and a display name; the caller owns `dir` and removes it.
 */
export async function fetchVideoSource(source: VideoSource, options: FetchVideoSourceOptions): Promise<FetchedVideo> {
  return 'upload' in source ? fetchUpload(source.upload, options) : fetchUrl(source.url, options);
}

async function fetchUpload(upload: { object: string; filename: string; size: number }, options: FetchVideoSourceOptions): Promise<FetchedVideo> {
  const path = join(options.dir, 'upload');
  const found = await downloadUpload(upload.object, path, options);
  // Another project's object is answered like a missing one, so its existence does not leak.
  if (!found) throw new PermanentError(`The uploaded video "${upload.filename}" is not in storage (or not this project's)`, SOURCE_ERROR_CODES.notFound);
  const size = (await stat(path)).size;
  options.onProgress?.({ receivedBytes: size, totalBytes: size });
  const sniffed = await sniffSource(path, `The uploaded file "${upload.filename}"`);
  return { path: sniffed.path, filename: upload.filename, demuxer: sniffed.demuxer, container: sniffed.container };
}

/** The stored object's real size is what counts, never the `size` the job input claims. */
async function downloadUpload(object: string, path: string, options: FetchVideoSourceOptions): Promise<boolean> {
  try {
    return await options.media.download(object, path, { maxBytes: options.maxBytes });
  } catch (error) {
    if (error instanceof MediaTooLargeError) throw new PermanentError(error.message, SOURCE_ERROR_CODES.tooLarge);
    throw error;
  }
}

async function fetchUrl(url: string, options: FetchVideoSourceOptions): Promise<FetchedVideo> {
  const response = await request(url, options);
  const where = response.url.host;
  if (response.status >= 400) {
    response.body.destroy();
    throw statusError(response.status, where);
  }
  if (response.status < 200 || response.status >= 300) {
    response.body.destroy();
    throw new PermanentError(`${where} answered HTTP ${response.status} instead of the video`, SOURCE_ERROR_CODES.notVideo);
  }
  const type = String(response.headers['content-type'] ?? '');
  if (NON_VIDEO_TYPES.test(type)) {
    response.body.destroy();
    throw new PermanentError(`The URL points to ${type.split(';')[0]}, not a video`, SOURCE_ERROR_CODES.notVideo);
  }
  const filename = filenameOf(response);
  // Named by its bytes once they are in, never by the tenant's choice of name.
  const path = join(options.dir, 'download');
  await save(response, path, options);
  const sniffed = await sniffSource(path, `The file at ${where}`);
  return { path: sniffed.path, filename, demuxer: sniffed.demuxer, container: sniffed.container };
}

async function request(url: string, options: FetchVideoSourceOptions): Promise<SafeResponse> {
  try {
    return await safeFetch(url, {
      allowlist: options.allowlist,
      maxBytes: options.maxBytes,
      timeoutMs: options.timeoutMs,
      idleTimeoutMs: options.idleTimeoutMs ?? SOURCE_IDLE_TIMEOUT_DEFAULT_MS,
      maxRedirects: MAX_REDIRECTS,
      signal: options.signal,
    });
  } catch (error) {
    throw classify(error, options.signal);
  }
}

/** Streams the body to the file, counting bytes for progress; the size cap is `safeFetch`'s. */
async function save(response: SafeResponse, path: string, options: FetchVideoSourceOptions): Promise<void> {
  const declared = Number(response.headers['content-length']);
  const totalBytes = Number.isFinite(declared) && declared >= 0 ? declared : null;
  let receivedBytes = 0;
  let reportedAt = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      receivedBytes += chunk.length;
      const now = Date.now();
      if (now - reportedAt >= PROGRESS_EVERY_MS) {
        reportedAt = now;
        options.onProgress?.({ receivedBytes, totalBytes });
      }
      callback(null, chunk);
    },
  });
  try {
    await pipeline(response.body, counter, createWriteStream(path), { signal: options.signal });
  } catch (error) {
    throw classify(error, options.signal);
  }
  options.onProgress?.({ receivedBytes, totalBytes: totalBytes ?? receivedBytes });
}

function classify(error: unknown, signal: AbortSignal | undefined): unknown {
  // A cancelled job is not a failed download: let the abort reason through untouched.
  if (signal?.aborted) return signal.reason;
  if (error instanceof TransferStalledError) return new RetryableError(error.message, SOURCE_ERROR_CODES.stalled);
  if (!(error instanceof CodedError)) return new RetryableError(`The download failed: ${messageOf(error)}`, SOURCE_ERROR_CODES.unreachable);
  switch (error.code) {
    case 'validation_failed':
      return new PermanentError(error.message, SOURCE_ERROR_CODES.invalidUrl);
    case 'payload_too_large':
      return new PermanentError(`${error.message}: the video is too large`, SOURCE_ERROR_CODES.tooLarge);
    default:
      return new RetryableError(error.message, SOURCE_ERROR_CODES.unreachable);
  }
}

/** 408, 425 and 429 and every 5xx may pass; any other 4xx will answer the same next time. */
function statusError(status: number, where: string): Error {
  const message = `${where} answered HTTP ${status} for the video URL`;
  if (status === 408 || status === 425 || status === 429 || status >= 500) return new RetryableError(message, SOURCE_ERROR_CODES.unreachable);
  return new PermanentError(message, status === 404 || status === 410 ? SOURCE_ERROR_CODES.notFound : SOURCE_ERROR_CODES.unreachable);
}

/** The name from Content-Disposition, else the URL's last path segment, else `video`. */
function filenameOf(response: SafeResponse): string {
  const disposition = String(response.headers['content-disposition'] ?? '');
  const quoted = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const fromPath = basename(decodeSafely(response.url.pathname));
  const name = (quoted ? decodeSafely(quoted) : fromPath).trim();
  return name === '' || name === '/' ? 'video' : name.slice(0, 200);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
