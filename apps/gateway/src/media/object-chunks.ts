import type { JetStreamClient } from '@nats-io/jetstream';
import type { ObjectInfo } from '@nats-io/obj';
import type { MediaBucket } from '../uploads/media-bucket';
import type { ByteRange } from './byte-range';

/** Chunks (128 KiB each) fetched ahead of the HTTP response: bounds the memory per download. */
const CHUNKS_AHEAD = 8;

/**
 * The bytes `range` of a stored object, read chunk by chunk through an ordered pull consumer.
 * `ObjectStore.get` would push the whole object into an unbounded queue as fast as NATS delivers
 * it, whatever the speed of the client; a pull consumer fetches only a few chunks ahead of what
 * was written to the response. Chunks before the range are skipped without being kept.
 */
export async function* objectChunks(js: JetStreamClient, bucket: MediaBucket, info: ObjectInfo, range: ByteRange): AsyncGenerator<Uint8Array> {
  if (info.size === 0 || range.end < range.start) return;
  const consumer = await js.consumers.get(bucket.streamName, { filter_subjects: bucket.chunkSubject(info.nuid) });
  const messages = await consumer.consume({ max_messages: CHUNKS_AHEAD });
  let offset = 0;
  try {
    for await (const message of messages) {
      const chunk = message.data;
      const chunkStart = offset;
      offset += chunk.length;
      if (offset > range.start) {
        yield chunk.subarray(Math.max(range.start - chunkStart, 0), Math.min(range.end + 1 - chunkStart, chunk.length));
      }
      if (offset > range.end) return;
      if (message.info.pending === 0) break;
    }
    // Content-Length is already promised: a short object must fail the response, not end it.
    throw new Error(`object ${info.name} ended at byte ${offset} of ${info.size}`);
  } finally {
    messages.stop();
    await consumer.delete().catch(() => undefined);
  }
}
