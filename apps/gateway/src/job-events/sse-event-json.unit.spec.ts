import type { JobEvent } from '@jetjobs/contracts';
import { toSseEventJson } from './sse-event-json';

const WORKER = 'moderation@gpu-node-7.internal.example:4242:a1b2c3';
const started = {
  type: 'JobStarted',
  data: { attempt: 2, workerId: WORKER },
  metadata: { jobId: 'j1', version: 2, occurredAt: '2026-12-01T00:00:00.000Z' },
} as unknown as JobEvent;

describe('an event as clients see it', () => {
  it('names the worker of an attempt by an opaque id, never its host', () => {
    const json = toSseEventJson(started);
    expect(json.data).toEqual({ attempt: 2, worker_id: expect.stringMatching(/^w_[0-9a-f]{16}$/) });
    expect(JSON.stringify(json)).not.toContain('gpu-node-7');
    // Stable, so that a client can still tell two attempts on one worker from two on two.
    expect(toSseEventJson(started).data).toEqual(json.data);
  });

  it('shows operators the real worker id', () => {
    expect(toSseEventJson(started, { revealWorker: true }).data).toEqual({ attempt: 2, worker_id: WORKER });
  });
});
