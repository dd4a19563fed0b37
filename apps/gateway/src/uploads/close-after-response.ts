import type { Socket } from 'node:net';
import type { Request } from 'express';

/**
 * The most of a refused body read and thrown away after the response, and for how long: enough
 * for a client that sends a whole large upload before it reads the answer (as most do), bounded
 * so that a refused client cannot hold the connection or the bandwidth for long.
 */
export const LINGER_MAX_BYTES = 64 * 1024 * 1024;
export const LINGER_MAX_MS = 10_000;
/** How often the bytes discarded are checked against LINGER_MAX_BYTES (at 1 GB/s, 100 MB past it). */
const LINGER_CHECK_MS = 100;

type ClosingSocket = Socket & { destroySoon?: () => void };
const refused = new WeakSet<Request>();

/**
 * Stops an upload the gateway has refused without losing the error response — the lingering
 * close nginx does. The body stops going anywhere at once; the response says `Connection: close`;
 * once it is out the connection is half-closed and the rest of the body is read and discarded
 * until it ends, LINGER_MAX_BYTES have come or LINGER_MAX_MS have passed, and only then closed.
 * Closing with unread bytes would be worse: the kernel answers them with a reset, and the client,
 * still writing, meets EPIPE or ECONNRESET instead of the answer. Safe to call more than once.
 */
export function closeAfterResponse(request: Request): void {
  if (refused.has(request)) return;
  refused.add(request);
  request.unpipe();
  // Paused until the response is out, so that nothing more reaches the parsers meanwhile.
  request.pause();
  const response = request.res;
  const socket = request.socket as ClosingSocket;
  const linger = () => lingerThenClose(request, socket);
  if (!response || response.writableFinished) return linger();
  if (!response.headersSent) {
    response.setHeader('Connection', 'close');
    // Node closes a `Connection: close` response's socket with destroySoon() as soon as the
    // response is written, which would drop the unread body; this connection lingers instead.
    socket.destroySoon = linger;
    return;
  }
  response.once('finish', linger);
}

function lingerThenClose(request: Request, socket: ClosingSocket): void {
  if (socket.destroyed) return;
  socket.end();
  if (request.complete) return void socket.once('finish', () => socket.destroy());
  const close = () => socket.destroy();
  const timer = setTimeout(close, LINGER_MAX_MS);
  timer.unref();
  // Counted on the socket: a body Node has "dumped" is dropped by its parser without 'data' events.
  const readBefore = socket.bytesRead;
  const meter = setInterval(() => {
    if (socket.bytesRead - readBefore > LINGER_MAX_BYTES) close();
  }, LINGER_CHECK_MS);
  meter.unref();
  request.once('end', close);
  request.once('error', close);
  socket.once('close', () => {
    clearTimeout(timer);
    clearInterval(meter);
  });
  request.resume();
}
