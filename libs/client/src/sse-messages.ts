import { EventSourceParserStream } from 'eventsource-parser/stream';

/** One Server-Sent Event as the parser hands it over. */
export interface SseMessage {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: string;
}

/**
 * The messages of an SSE body, parsed by `eventsource-parser` (comments and keepalives dropped);
 * ends when the server closes the body.
 */
export async function* sseMessages(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const messages = body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  for await (const message of messages as unknown as AsyncIterable<SseMessage>) yield message;
}
