import type { Request } from 'express';

/** How long a refused upload's connection stays open after the response, before it is cut. */
const LINGER_MS = 2_000;

/**
 * Stops an upload the gateway has refused, without losing the error response. Nothing more is
 * read from the request (the socket is paused, so TCP flow control holds the client back), the
 * connection is half-closed once the response is out, and the socket is destroyed after a short
 * linger. Closing at once would be worse: a socket closed with unread bytes is reset, and a reset
 * can discard the response before the client reads it. That is also why the response carries no
 * `Connection: close`, on which Node would destroy the socket right after writing it.
 */
export function closeAfterResponse(request: Request): void {
  const socket = request.socket;
  request.unpipe();
  request.pause();
  const close = () => {
    // Node resumes ("dumps") an unread request body when its response ends: pause it again.
    request.pause();
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };
  const response = request.res;
  if (!response || response.writableFinished) close();
  else response.once('finish', close);
}
