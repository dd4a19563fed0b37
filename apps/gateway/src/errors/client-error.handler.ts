import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorBody } from '@jetjobs/contracts';
import { dialectOfPath, ERROR_DIALECTS } from '../auth/error-dialect';
import { STATUS_BY_CODE } from './error-status';

type ParserError = Error & { code?: string; reason?: string; rawPacket?: Buffer };
/** Node keeps the connection's parser on the socket, with the request it is reading (if any). */
type ParserSocket = Duplex & { bytesWritten?: number; parser?: { incoming?: { url?: string } | null } | null };

/**
 * Requests Node's HTTP server refuses itself (headers over its limit, a malformed Content-Length,
 * raw non-ASCII in the target, a request that took too long, an `Expect` other than
 * `100-continue`) never reach Nest, and Node answers them with a bare status line. This answers
 * them like every other error: the API's JSON wording with the status of the code; after a
 * parser error the connection is closed, as Node does.
 */
export function answerClientErrors(server: Server): void {
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const body: ErrorBody = { code: 'expectation_failed', message: `Expect: ${request.headers.expect ?? ''} is not supported (only 100-continue)` };
    const json = JSON.stringify(ERROR_DIALECTS[dialectOfPath(request.url ?? '')](body));
    response.writeHead(STATUS_BY_CODE[body.code], { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) }).end(json);
  });
  server.on('clientError', (error: ParserError, socket: ParserSocket) => {
    // A response already (partly) written cannot be followed by another on the same connection.
    if (error.code === 'ECONNRESET' || !socket.writable || (socket.bytesWritten ?? 0) > 0) return void socket.destroy();
    const body = bodyOf(error);
    const target = socket.parser?.incoming?.url ?? requestTarget(error.rawPacket);
    const json = JSON.stringify(ERROR_DIALECTS[dialectOfPath(target)](body));
    const status = STATUS_BY_CODE[body.code];
    const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, 'Content-Type: application/json; charset=utf-8', `Content-Length: ${Buffer.byteLength(json)}`, 'Connection: close'];
    socket.end(`${head.join('\r\n')}\r\n\r\n${json}`, () => socket.destroy());
  });
}

function bodyOf(error: ParserError): ErrorBody {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'headers_too_large', message: 'The request headers are larger than the server accepts' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { code: 'payload_too_large', message: 'The chunk extensions of the request body are too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'request_timeout', message: 'The request took too long to arrive' };
    default:
      return { code: 'validation_failed', message: `Malformed HTTP request: ${error.reason ?? error.code ?? 'unreadable'}` };
  }
}

/** The target of the request line when the refused bytes include it; else "" (the native API). */
function requestTarget(raw: Buffer | undefined): string {
  const line = raw?.subarray(0, 8192).toString('latin1').split('\r\n', 1)[0] ?? '';
  return /^[A-Z]+ (\S+)/.exec(line)?.[1] ?? '';
}
