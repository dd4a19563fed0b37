import { connect } from 'node:net';

export interface BulkBodyRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  /** Written right after the head, before the filler (e.g. the start of a multipart form). */
  readonly prefix?: Buffer;
  /** Filler bytes written after the prefix, whatever the server answers meanwhile. */
  readonly bodyBytes: number;
  /** Frame the body as chunks (and end it with the last chunk) instead of a Content-Length. */
  readonly chunked?: boolean;
  readonly timeoutMs: number;
}

export interface BulkBodyOutcome {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The socket error the client met (EPIPE, ECONNRESET…), or null. */
  readonly socketError: string | null;
  /** Bytes of the request the client managed to write. */
  readonly written: number;
  /** The whole body was written. */
  readonly sentAll: boolean;
}

const CHUNK = Buffer.alloc(64 * 1024, 0x61);

/**
 * A client that sends its whole body however early the server answers, as most HTTP clients do:
 * it reads the response meanwhile and is done once the body is written and the response read.
 * A socket error on the way (the server cut the connection under the client) is reported.
 */
export function sendBulkBody(baseUrl: string, request: BulkBodyRequest): Promise<BulkBodyOutcome> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    // Half-open: the client goes on sending after the server's FIN, as curl does, instead of
    // ending its own side (which would hide a server that stops reading).
    const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true });
    const received: Buffer[] = [];
    let written = 0;
    let writingDone = false;
    let socketError: string | null = null;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parse(Buffer.concat(received)), socketError, written, sentAll: writingDone });
    };
    const timer = setTimeout(() => {
      socketError ??= 'timeout';
      finish();
    }, request.timeoutMs);
    const maybeDone = () => {
      if (writingDone && responseComplete(Buffer.concat(received))) finish();
    };
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      maybeDone();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      socketError ??= error.code ?? error.message;
      finish();
    });
    socket.on('close', finish);
    const head = [`${request.method} ${request.target} HTTP/1.1`, `Host: ${hostname}:${port}`, ...request.headers.map(([n, v]) => `${n}: ${v}`)];
    socket.write(`${head.join('\r\n')}\r\n\r\n`);
    const prefix = request.prefix ?? Buffer.alloc(0);
    const pieces = function* () {
      if (prefix.length > 0) yield frame(prefix, request.chunked);
      for (let left = request.bodyBytes; left > 0; left -= CHUNK.length) yield frame(CHUNK.subarray(0, Math.min(left, CHUNK.length)), request.chunked);
      if (request.chunked) yield Buffer.from('0\r\n\r\n');
    };
    const iterator = pieces();
    const pump = () => {
      for (let next = iterator.next(); !next.done; next = iterator.next()) {
        if (settled) return;
        written += next.value.length;
        if (!socket.write(next.value)) return void socket.once('drain', pump);
      }
      writingDone = true;
      maybeDone();
    };
    pump();
  });
}

function frame(bytes: Buffer, chunked: boolean | undefined): Buffer {
  return chunked ? Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]) : bytes;
}

function split(raw: Buffer): { head: string; body: Buffer } | null {
  const end = raw.indexOf('\r\n\r\n');
  return end < 0 ? null : { head: raw.subarray(0, end).toString('latin1'), body: raw.subarray(end + 4) };
}

function headersOf(head: string): Record<string, string> {
  const entries = head
    .split('\r\n')
    .slice(1)
    .map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]);
  return Object.fromEntries(entries);
}

function responseComplete(raw: Buffer): boolean {
  const parts = split(raw);
  const length = parts ? headersOf(parts.head)['content-length'] : undefined;
  return parts !== null && length !== undefined && parts.body.length >= Number(length);
}

function parse(raw: Buffer): Pick<BulkBodyOutcome, 'status' | 'headers' | 'body'> {
  const parts = split(raw);
  if (!parts) return { status: 0, headers: {}, body: '' };
  const headers = headersOf(parts.head);
  const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(parts.head)?.[1] ?? 0), headers, body: parts.body.subarray(0, length).toString('utf8') };
}
