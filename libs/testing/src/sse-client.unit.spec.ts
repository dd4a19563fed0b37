import { parseSse, type SseMessage } from './sse-client';

/** A body that arrives in exactly these chunks, so line ends split across reads are exercised. */
const bodyOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

const read = async (body: ReadableStream<Uint8Array>, comments: string[] = []): Promise<SseMessage[]> => {
  const seen: SseMessage[] = [];
  for await (const message of parseSse(body, comments)) seen.push(message);
  return seen;
};

const expected: SseMessage[] = [
  { id: '1', event: 'JobProgressed', data: '{"percent":50}' },
  { id: null, event: null, data: 'first\nsecond' },
];

describe('parseSse', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('reads events and comments framed with %s line ends', async (_name, eol) => {
    const text = ['', ': keepalive', 'id: 1', 'event: JobProgressed', 'data: {"percent":50}', '', 'data: first', 'data: second', '', ''].join(eol);
    const comments: string[] = [];
    expect(await read(bodyOf(text), comments)).toEqual(expected);
    expect(comments).toEqual(['keepalive']);
  });

  it('joins a CRLF split between two reads into one line end, not two', async () => {
    const chunks = ['id: 1\r', '\nevent: JobProgressed\r\ndata: {"percent":50}\r', '\n\r', '\ndata: first\r\ndata: sec', 'ond\r\n\r\n'];
    expect(await read(bodyOf(...chunks))).toEqual(expected);
  });

  it('drops an event the body ends in the middle of, and one without data', async () => {
    expect(await read(bodyOf('event: ping\n\n', 'id: 2\ndata: cut off'))).toEqual([]);
  });
});
