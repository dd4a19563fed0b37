import type { Readable } from 'node:stream';
import busboy, { type FieldInfo, type FileInfo } from 'busboy';
import type { Request } from 'express';
import type { ObjectStore } from '@nats-io/obj';
import { headers } from '@nats-io/transport-node';
import { CodedError, mediaOwnerMetadata, type MediaOwner, type MediaRef } from '@jetjobs/contracts';
import { closeAfterResponse } from './close-after-response';
import { limitedStream, nextOrAbort } from './limited-stream';
import { FORM_LIMITS, formatSize, tooLarge } from './upload-limits';
import { sanitiseFilename, uploadObjectName } from './upload-name';
import { watchUploadPace, type UploadPaceOptions } from './upload-pace';
import { SNIFF_BYTES, sniffVideo } from '@jetjobs/media';

export interface UploadOptions {
  /** The largest file accepted; more is refused with 413 as soon as the excess arrives. */
  readonly maxFileBytes: number;
  /** The form field that carries the file (default `file`); a file in any other field is refused. */
  readonly fileField?: string;
  /** The slowest body accepted (default: no minimum). */
  readonly pace?: UploadPaceOptions;
  /** Recorded on the stored object; only this project's jobs may read it. */
  readonly owner: MediaOwner;
}

export interface MultipartUpload {
  /** The form's text fields by name (each at most 64 KiB, each name at most once). */
  readonly fields: Readonly<Record<string, string>>;
  /** The stored video, or null when the form carried no file. */
  readonly file: MediaRef | null;
}

const invalid = (message: string) => new CodedError('validation_failed', message);

/**
 * One multipart request, parsed as it arrives: text fields are collected, the file goes chunk by
 * chunk into the object store. The first failure wins: it stops reading the request, removes
 * whatever was stored, and is what the caller gets.
 */
export class MultipartReceiver {
  private readonly fields: Record<string, string> = {};
  private readonly abort = new AbortController();
  private readonly fileField: string;
  private upload: Promise<MediaRef> | null = null;
  private settled = false;
  private stopPace: () => void = () => undefined;
  private resolve!: (upload: MultipartUpload) => void;
  private reject!: (error: unknown) => void;

  constructor(
    private readonly request: Request,
    private readonly store: ObjectStore,
    private readonly options: UploadOptions,
  ) {
    this.fileField = options.fileField ?? 'file';
  }

  run(): Promise<MultipartUpload> {
    const done = new Promise<MultipartUpload>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    const parser = this.parser();
    parser.on('field', (name: string, value: string, info: FieldInfo) => this.onField(name, value, info));
    parser.on('file', (name: string, stream: Readable, info: FileInfo) => this.onFile(name, stream, info));
    parser.on('partsLimit', () => void this.fail(invalid(`The form has more than ${FORM_LIMITS.parts} parts`)));
    parser.on('fieldsLimit', () => void this.fail(invalid(`The form has more than ${FORM_LIMITS.fields} fields`)));
    parser.on('filesLimit', () => void this.fail(invalid('Send one file only')));
    parser.on('error', (error: Error) => void this.fail(invalid(`Malformed multipart body: ${error.message}`)));
    parser.on('close', () => void this.finish());
    // 'close' also follows a complete body; only an incomplete one means the client went away.
    this.request.once('close', () => {
      if (!this.request.complete) void this.fail(invalid('The upload was interrupted: the connection closed before the form ended'));
    });
    this.request.pipe(parser);
    if (this.options.pace) this.stopPace = watchUploadPace(this.request, this.options.pace, (error) => void this.fail(error));
    return done;
  }

  /** busboy refuses a multipart Content-Type without a boundary as it is constructed. */
  private parser(): busboy.Busboy {
    try {
      // Browsers send non-ASCII file names as raw UTF-8, not the latin1 busboy assumes by default.
      return busboy({ headers: this.request.headers, limits: FORM_LIMITS, fileHwm: 64 * 1024, defParamCharset: 'utf8' });
    } catch (error) {
      throw invalid(`Malformed multipart request: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private onField(name: string, value: string, info: FieldInfo): void {
    if (this.settled) return;
    if (info.valueTruncated) return void this.fail(invalid(`${name}: longer than ${formatSize(FORM_LIMITS.fieldSize)}`));
    if (Object.hasOwn(this.fields, name)) return void this.fail(invalid(`${name}: given more than once`));
    this.fields[name] = value;
  }

  private onFile(name: string, stream: Readable, info: FileInfo): void {
    if (this.settled) return void stream.resume();
    if (name !== this.fileField) {
      stream.resume();
      return void this.fail(invalid(`Unexpected file in field "${name}": send the video in the "${this.fileField}" field`));
    }
    if (this.upload) {
      stream.resume();
      return void this.fail(invalid('Send one file only'));
    }
    this.upload = this.storeFile(stream, sanitiseFilename(info.filename));
    this.upload.catch((error: unknown) => void this.fail(error));
  }

  private async storeFile(stream: Readable, filename: string): Promise<MediaRef> {
    const chunks: AsyncIterator<Uint8Array> = stream[Symbol.asyncIterator]();
    const head = await this.readHead(chunks);
    const size = head.reduce((sum, chunk) => sum + chunk.length, 0);
    if (size === 0) throw invalid(`${this.fileField}: "${filename}" is empty`);
    if (size > this.options.maxFileBytes) throw tooLarge(this.options.maxFileBytes);
    const video = sniffVideo(Buffer.concat(head).subarray(0, SNIFF_BYTES));
    if (!video) {
      throw invalid(
        `${this.fileField}: "${filename}" is not a video (its content is not MP4, MOV, WebM, Matroska, AVI, MPEG-TS, MPEG, FLV or Ogg, whatever its name or type)`,
      );
    }
    const object = uploadObjectName(filename);
    const meta = headers();
    meta.set('Content-Type', video.contentType);
    const body = limitedStream(head, chunks, this.options.maxFileBytes, this.abort.signal);
    const stored = await this.store.put({ name: object, headers: meta, metadata: mediaOwnerMetadata(this.options.owner) }, body);
    return { object, filename, size: stored.size, contentType: video.contentType };
  }

  /** Reads until there are enough bytes to sniff, or the part ends. */
  private async readHead(chunks: AsyncIterator<Uint8Array>): Promise<Uint8Array[]> {
    const head: Uint8Array[] = [];
    for (let size = 0; size < SNIFF_BYTES; ) {
      const next = await nextOrAbort(chunks, this.abort.signal);
      if (next === undefined) break;
      head.push(next);
      size += next.length;
    }
    return head;
  }

  private async finish(): Promise<void> {
    if (this.settled) return;
    try {
      const file = this.upload ? await this.upload : null;
      if (this.settled) return;
      this.settled = true;
      this.stopPace();
      this.resolve({ fields: { ...this.fields }, file });
    } catch (error) {
      await this.fail(error);
    }
  }

  /** Stops reading, errors the stream into the store (which purges its chunks), removes a finished object. */
  private async fail(error: unknown): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    this.stopPace();
    closeAfterResponse(this.request);
    this.abort.abort(error);
    const stored = await this.upload?.catch(() => null);
    if (stored) await this.store.delete(stored.object).catch(() => undefined);
    this.reject(error);
  }
}
