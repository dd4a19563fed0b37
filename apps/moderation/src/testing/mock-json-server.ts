import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

/** What the mock answers: a status, a JSON body, headers; `hang` never answers (timeouts). */
export type MockAnswer = { status?: number; body?: unknown; headers?: Record<string, string> } | 'hang';

export interface MockJsonServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A model endpoint on 127.0.0.1 speaking JSON, answering with `respond`: the stand-in for
 * OpenAI's and KServe's servers that the remote adapters are tested against.
 */
export async function startMockJsonServer(respond: (request: RecordedRequest) => MockAnswer): Promise<MockJsonServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => void handle(request, response));
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const recorded = { method: request.method ?? 'GET', path: request.url ?? '/', headers: request.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
    requests.push(recorded);
    const answer = respond(recorded);
    if (answer === 'hang') return;
    response.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    response.end(JSON.stringify(answer.body ?? {}));
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
