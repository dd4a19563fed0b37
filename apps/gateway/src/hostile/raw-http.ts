import { connect, type Socket } from 'node:net';

/** What came back on the wire, however malformed the request was. */
export interface RawResponse {
  /** 0 when the connection closed (or the time ran out) before a status line. */
  readonly status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** No complete response within the time limit. */
  readonly timedOut: boolean;
  /** The response was an event stream: its headers were read, then the connection was dropped. */
  readonly eventStream: boolean;
}

export interface RawRequest {
  readonly method: string;
  /** Sent byte for byte: no encoding, no normalisation. */
  readonly target: string;
  /** Sent in order, duplicates and all; names and values are not checked. */
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: Uint8Array | string;
  /** Time for the whole response (for an event stream, for its headers). */
  readonly timeoutMs: number;
  /** Half-close after writing: for a body shorter than announced, so the server sees its end. */
  readonly endAfterWrite?: boolean;
}

/**
 * One HTTP/1.1 request over a fresh TCP connection, written exactly as given, so that a test can
 * send what `fetch` and `http.request` refuse to: lying or repeated lengths, raw control
 * characters, unencoded paths. The response is read by its own framing (length, chunks or close).
 */
export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const head = [`${request.method} ${request.target} HTTP/1.1`, `Host: ${hostname}:${port}`, ...(request.headers ?? []).map(([n, v]) => `${n}: ${v}`)];
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (timedOut: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponse(Buffer.concat(chunks), timedOut));
    };
    const timer = setTimeout(() => finish(true), request.timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (isComplete(Buffer.concat(chunks))) finish(false);
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    const bytes = Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body]);
    if (request.endAfterWrite) socket.end(bytes);
    else socket.write(bytes);
  });
}

/** The socket of a request whose response the caller reads (or does not) at its own pace. */
export function openRawConnection(baseUrl: string): Promise<Socket> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** The final response's head and what follows it; interim `1xx` responses are skipped. */
function splitHead(raw: Buffer): { head: string; body: Buffer } | null {
  let rest = raw;
  for (;;) {
    const end = rest.indexOf(HEAD_END);
    if (end < 0) return null;
    const head = rest.subarray(0, end).toString('latin1');
    if (!/^HTTP\/1\.[01] 1\d\d/.test(head)) return { head, body: rest.subarray(end + 4) };
    rest = rest.subarray(end + 4);
  }
}

function headersOf(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

function isComplete(raw: Buffer): boolean {
  const parts = splitHead(raw);
  if (!parts) return false;
  const headers = headersOf(parts.head);
  if ((headers['content-type'] ?? '').startsWith('text/event-stream')) return true;
  if (headers['content-length'] !== undefined) return parts.body.length >= Number(headers['content-length']);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) return parts.body.includes(Buffer.from('0\r\n\r\n'));
  return false;
}

function parseResponse(raw: Buffer, timedOut: boolean): RawResponse {
  const parts = splitHead(raw);
  if (!parts) return { status: 0, headers: {}, body: Buffer.alloc(0), timedOut, eventStream: false };
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(parts.head)?.[1] ?? 0);
  const headers = headersOf(parts.head);
  const eventStream = (headers['content-type'] ?? '').startsWith('text/event-stream');
  const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  // Bytes past the framing belong to whatever the server said next on the connection.
  const body = /chunked/i.test(headers['transfer-encoding'] ?? '') ? dechunk(parts.body) : parts.body.subarray(0, length);
  return { status, headers, body, timedOut: timedOut && !eventStream, eventStream };
}

function dechunk(raw: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(raw.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(out);
}
