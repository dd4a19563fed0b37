import { tooLarge } from './upload-limits';

/**
 * The file as a web ReadableStream for the object store: the bytes already read for sniffing,
 * then the rest of the part as the store pulls it (one chunk per pull, so the request socket is
 * only read as fast as NATS acknowledges). Passing the limit or aborting errors the stream, which
 * makes the store purge the chunks it has written.
 */
export function limitedStream(
  head: readonly Uint8Array[],
  rest: AsyncIterator<Uint8Array>,
  maxBytes: number,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const queue = [...head];
  let total = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = queue.shift() ?? (await nextOrAbort(rest, signal));
        if (next === undefined) return controller.close();
        total += next.length;
        if (total > maxBytes) throw tooLarge(maxBytes);
        controller.enqueue(next);
      },
      async cancel() {
        await rest.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/** A part whose request went away never ends: the abort signal is what stops the wait. */
export async function nextOrAbort(rest: AsyncIterator<Uint8Array>, signal: AbortSignal): Promise<Uint8Array | undefined> {
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const result = await Promise.race([rest.next(), aborted]);
    return result.done ? undefined : result.value;
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
