import { randomBytes } from 'node:crypto';

/** Bytes sent so far, and the total when it is known. */
export interface UploadProgress {
  readonly sentBytes: number;
  readonly totalBytes: number | null;
}

/** A file to upload: bytes in memory, a Blob, or any stream of chunks (`fs.createReadStream`). */
export type UploadSource = Uint8Array | Blob | AsyncIterable<Uint8Array>;

/**
 * A `multipart/form-data` body with one `file` part, streamed: the video is never held in memory,
 * and `onProgress` hears of every chunk as fetch pulls it (which is as the socket drains).
 */
export function multipartFileBody(
  source: UploadSource,
  file: { readonly filename: string; readonly contentType: string; readonly size: number | null },
  onProgress?: (progress: UploadProgress) => void,
): { body: ReadableStream<Uint8Array>; contentType: string } {
  const boundary = `jetjobs-${randomBytes(12).toString('hex')}`;
  const encoder = new TextEncoder();
  const head = encoder.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const chunks = chunksOf(source);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head);
    },
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) {
        controller.enqueue(tail);
        controller.close();
        return;
      }
      sent += next.value.byteLength;
      controller.enqueue(next.value);
      onProgress?.({ sentBytes: sent, totalBytes: file.size });
    },
    async cancel() {
      await chunks.return?.(undefined);
    },
  });
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function* chunksOf(source: UploadSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    // Slices, so progress moves for bytes already in memory too.
    for (let at = 0; at < source.byteLength; at += 64 * 1024) yield source.subarray(at, at + 64 * 1024);
    return;
  }
  if (source instanceof Blob) {
    yield* source.stream() as unknown as AsyncIterable<Uint8Array>;
    return;
  }
  for await (const chunk of source) yield typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
}

/** A filename inside a quoted header parameter: quotes and line breaks would end the header. */
function quoted(name: string): string {
  return name.replace(/["\r\n\\]/g, '_');
}
