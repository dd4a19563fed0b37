import { createParser } from 'eventsource-parser';

/** One server-sent event as a client sees it. */
export interface SseMessage {
  readonly id: string | null;
  readonly event: string | null;
  readonly data: string;
}

export interface SseConnection {
  readonly status: number;
  readonly headers: Headers;
  /** Events in arrival order; ends when the server closes the stream. */
  readonly messages: AsyncIterableIterator<SseMessage>;
  /** Comment lines seen so far (e.g. keepalives), without the leading colon. */
  readonly comments: string[];
  close(): void;
}

/**
 * A minimal EventSource over fetch, so tests can set headers (Authorization, Last-Event-ID) and
 * see the raw framing. The framing is parsed by `eventsource-parser` (CRLF, LF and CR line ends;
 * `:` comments kept in `comments`), the same parser `@jetjobs/client` uses.
 */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const comments: string[] = [];
  const messages = parseSse(response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() }), comments);
  return { status: response.status, headers: response.headers, messages, comments, close: () => controller.abort() };
}

/**
 * The events of an SSE body in arrival order, each comment pushed to `comments` as it is read;
 * ends when the body ends or the request is aborted.
 */
export async function* parseSse(body: ReadableStream<Uint8Array>, comments: string[] = []): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  const ready: SseMessage[] = [];
  const parser = createParser({
    onEvent: (event) => ready.push({ id: event.id ?? null, event: event.event ?? null, data: event.data }),
    onComment: (comment) => comments.push(comment.trim()),
  });
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      yield* ready.splice(0);
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  }
}

/** Reads messages until `until` matches one (inclusive) or the stream ends. */
export async function readSse(connection: SseConnection, until: (message: SseMessage) => boolean): Promise<SseMessage[]> {
  const seen: SseMessage[] = [];
  for (;;) {
    const next = await connection.messages.next();
    if (next.done) return seen;
    seen.push(next.value);
    if (until(next.value)) return seen;
  }
}
