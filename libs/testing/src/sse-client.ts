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
 * see the raw framing. Parsing follows the SSE spec: blank line ends an event, `:` is a comment.
 */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const comments: string[] = [];
  const messages = parse(response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() }), comments);
  return { status: response.status, headers: response.headers, messages, comments, close: () => controller.abort() };
}

async function* parse(body: ReadableStream<Uint8Array>, comments: string[]): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffer = '';
  let current: { id: string | null; event: string | null; data: string[] } = { id: null, event: null, data: [] };
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line === '') {
          if (current.data.length > 0) yield { id: current.id, event: current.event, data: current.data.join('\n') };
          current = { id: null, event: null, data: [] };
        } else if (line.startsWith(':')) {
          comments.push(line.slice(1).trim());
        } else {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') current.id = value;
          else if (field === 'event') current.event = value;
          else if (field === 'data') current.data.push(value);
        }
      }
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
