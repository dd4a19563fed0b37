import type { IncomingMessage } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import { CodedError } from '@jetjobs/contracts';
import type { IdleWatchdog } from './idle-watchdog';

/**
 * The response body as a stream that fails with `payload_too_large` once it passes `maxBytes`. A
 * declared Content-Length over the limit is refused before a byte is read; a body that lies about
 * its length or has none is cut off where it crosses the limit. A broken or timed-out connection
 * fails the stream with the error `failure` makes of it. Each chunk kicks the idle watchdog.
 */
export function limitedBody(response: IncomingMessage, maxBytes: number, url: URL, failure: (error: unknown) => Error, idle: IdleWatchdog | null = null): Readable {
  const tooLarge = () => new CodedError('payload_too_large', `The response from ${url.host} is larger than the limit of ${maxBytes} bytes`);
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      idle?.kick();
      callback(seen > maxBytes ? tooLarge() : null, seen > maxBytes ? undefined : chunk);
    },
  });
  response.on('error', (error) => limiter.destroy(failure(error)));
  // Stop the download when the reader fails or gives up early.
  limiter.on('close', () => {
    idle?.stop();
    response.destroy();
  });
  response.pipe(limiter);
  return limiter;
}

/** Reads a whole stream (already bounded by `limitedBody`). */
export async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
