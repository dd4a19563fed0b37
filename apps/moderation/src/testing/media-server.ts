import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one path answers. */
export type Route =
  | { readonly file: string; readonly contentType: string }
  | { readonly text: string; readonly contentType: string }
  /** Declares `bytes` of body (and sends some): for size limits. */
  | { readonly declaredBytes: number };

export interface MediaServer {
  /** `http://127.0.0.1:<port><path>` */
  url(path: string): string;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 standing in for the sites `video_url`s point at. */
export async function startMediaServer(routes: Readonly<Record<string, Route>>): Promise<MediaServer> {
  const server: Server = createServer((request, response) => {
    const route = routes[request.url ?? ''];
    if (!route) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    if ('text' in route) return void response.writeHead(200, { 'content-type': route.contentType }).end(route.text);
    if ('declaredBytes' in route) {
      // Headers and a first chunk, then nothing: the client must give up on the declared length.
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(route.declaredBytes) });
      return void response.write(Buffer.alloc(Math.min(route.declaredBytes, 64 * 1024)));
    }
    void stat(route.file).then((info) => {
      response.writeHead(200, { 'content-type': route.contentType, 'content-length': String(info.size) });
      createReadStream(route.file).pipe(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
