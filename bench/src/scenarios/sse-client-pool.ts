import { request } from 'node:http';

export interface SseFollower {
  readonly versions: number[];
  readonly latenciesMs: number[];
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
}

/**
 * One raw SSE connection that records each event's version and its delivery latency (receipt time
 * minus the event's `occurred_at`; client and server share the machine's clock).
 */
export function follow(url: string, token: string): SseFollower {
  const versions: number[] = [];
  const latenciesMs: number[] = [];
  const ended = new Promise<void>((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`SSE answered ${res.statusCode}`));
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          record(frame, versions, latenciesMs);
        }
      });
      res.on('end', () => resolve());
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
  return { versions, latenciesMs, ended };
}

function record(frame: string, versions: number[], latenciesMs: number[]): void {
  const id = /^id: (\d+)$/m.exec(frame)?.[1];
  const data = /^data: (.*)$/m.exec(frame)?.[1];
  if (id === undefined || data === undefined) return;
  versions.push(Number(id));
  const occurredAt = Date.parse((JSON.parse(data) as { occurred_at: string }).occurred_at);
  latenciesMs.push(Date.now() - occurredAt);
}
