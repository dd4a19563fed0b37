import { jobObservations, type TimedEvent } from './job-observations';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));
let version = 0;
const event = (type: string, second: number, data: unknown = {}): TimedEvent => ({ version: ++version, type, occurredAt: at(second), data });

describe('job observations from events', () => {
  beforeEach(() => {
    version = 0;
  });

  it('times the queue from submission and the run from the start, and counts the end once', () => {
    const history = [event('JobSubmitted', 0), event('JobStarted', 2), event('JobProgressed', 3), event('JobCompleted', 7)];
    expect(jobObservations(history, new Set([1, 2, 3, 4]))).toEqual([
      { metric: 'queue', seconds: 2 },
      { metric: 'run', status: 'completed', seconds: 5 },
      { metric: 'attempt', outcome: 'completed' },
      { metric: 'finished', status: 'completed' },
    ]);
  });

  it('counts only the applied events, measuring them from earlier history', () => {
    const history = [event('JobSubmitted', 0), event('JobStarted', 1), event('JobFailed', 4)];
    expect(jobObservations(history, new Set([3]))).toEqual([
      { metric: 'run', status: 'failed', seconds: 3 },
      { metric: 'attempt', outcome: 'failed' },
      { metric: 'finished', status: 'failed' },
    ]);
  });

  it('times a retry from when it fell due, and records the failed attempt as retried', () => {
    const history = [
      event('JobSubmitted', 0),
      event('JobStarted', 1),
      event('JobAttemptFailed', 2),
      event('JobRetryScheduled', 2, { dueAt: at(5).toISOString() }),
      event('JobStarted', 6),
      event('JobCompleted', 8),
    ];
    expect(jobObservations(history, new Set([3, 4, 5]))).toEqual([
      { metric: 'run', status: 'retried', seconds: 1 },
      { metric: 'attempt', outcome: 'retried' },
      { metric: 'queue', seconds: 1 },
    ]);
  });

  it('ends no attempt for a job cancelled while queued, but counts it finished', () => {
    const history = [event('JobSubmitted', 0), event('JobCancelled', 3)];
    expect(jobObservations(history, new Set([1, 2]))).toEqual([{ metric: 'finished', status: 'cancelled' }]);
  });

  it('takes clock skew between machines as zero, never as negative time', () => {
    const history = [event('JobSubmitted', 5), event('JobStarted', 4)];
    expect(jobObservations(history, new Set([2]))).toEqual([{ metric: 'queue', seconds: 0 }]);
  });
});
