import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { NestJsonLogger } from './nest-json-logger';
import { withSpan } from './with-span';
import { addLogFields, runWithTelemetry } from './telemetry-context';

/** Collects what the logger writes, one parsed JSON object per line. */
function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const lines = () => chunks.join('').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

describe('JSON logger', () => {
  it('writes service, level as a word and msg on every line', () => {
    const out = capture();
    createLogger('gateway', { destination: out.stream }).warn('disk nearly full');
    expect(out.lines()).toEqual([expect.objectContaining({ service: 'gateway', level: 'warn', msg: 'disk nearly full' })]);
  });

  it("adds the current context's fields and trace id, and fields added midway", async () => {
    const out = capture();
    const logger = createLogger('echo-worker', { destination: out.stream });
    let traceId = '';
    await withSpan('attempt', { fields: { job_id: 'j1', kind: 'echo', attempt: 2 } }, async (span) => {
      traceId = span.traceId;
      addLogFields({ project_id: 'p1' });
      logger.info('attempt started');
    });
    logger.info('outside');
    const [inside, outside] = out.lines();
    expect(inside).toMatchObject({ job_id: 'j1', kind: 'echo', attempt: 2, project_id: 'p1', trace_id: traceId });
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(outside).not.toHaveProperty('job_id');
    expect(outside).not.toHaveProperty('trace_id');
  });

  it('continues the trace of a given parent', async () => {
    const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const child = await withSpan('child', { parent }, async (span) => span.traceparent);
    expect(child).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(child).not.toBe(parent);
  });

  it("routes Nest's messages through it, with their context and an error's stack", () => {
    const out = capture();
    const nest = new NestJsonLogger(createLogger('job-registry', { destination: out.stream }));
    runWithTelemetry({ traceparent: null, fields: { request_id: 'r1' } }, () => {
      nest.log('Nest application successfully started', 'NestApplication');
      nest.error('boom', 'Error: boom\n    at x (y.ts:1:1)', 'Dispatcher');
    });
    expect(out.lines()).toEqual([
      expect.objectContaining({ level: 'info', msg: 'Nest application successfully started', context: 'NestApplication', request_id: 'r1' }),
      expect.objectContaining({ level: 'error', msg: 'boom', context: 'Dispatcher', stack: expect.stringContaining('at x') }),
    ]);
  });
});
