import type { WebhookAttempt } from '@jetjobs/contracts';
import { nextWebhookAttemptAt, webhookRetryDelayMs } from './webhook-backoff';
import { nextWebhookStep } from './webhook-next-step';
import { attemptOutcome } from './webhook-outcome';

const policy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 5_000 };
const now = new Date('2026-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe('webhook backoff', () => {
  it('doubles from the base up to the cap, keeping at least half of each step', () => {
    const low = [1, 2, 3, 4, 5].map((n) => webhookRetryDelayMs(n, policy, () => 0));
    const high = [1, 2, 3, 4, 5].map((n) => webhookRetryDelayMs(n, policy, () => 1));
    expect(low).toEqual([500, 1_000, 2_000, 2_500, 2_500]);
    expect(high).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('stops after the last allowed attempt', () => {
    expect(nextWebhookAttemptAt(3, policy, now, () => 0.5)).toEqual(new Date(now.getTime() + 3_000));
    expect(nextWebhookAttemptAt(4, policy, now)).toBeNull();
  });
});

describe('the step after the last recorded attempt', () => {
  const limits = { maxAttempts: 3, inFlightMs: 15_000 };
  const attempt = (overrides: Partial<WebhookAttempt>): WebhookAttempt => ({
    id: 'evt', jobId: 'job', url: 'http://hook', eventType: 'JobCompleted', eventVersion: 3, attempt: 1, state: 'pending',
    statusCode: null, error: null, durationMs: null, attemptedAt: at(-1_000), deliveredAt: null, nextAttemptAt: null, ...overrides,
  });

  it('sends the first attempt when nothing is recorded', () => {
    expect(nextWebhookStep(null, now, limits)).toEqual({ type: 'send', attempt: 1, interrupted: null });
  });

  it('does nothing more once delivered or failed: a redelivered event sends nothing', () => {
    expect(nextWebhookStep(attempt({ state: 'delivered', statusCode: 200 }), now, limits)).toEqual({ type: 'done' });
    expect(nextWebhookStep(attempt({ state: 'failed', statusCode: 500, attempt: 3 }), now, limits)).toEqual({ type: 'done' });
  });

  it('waits for a scheduled retry, then sends the next attempt', () => {
    const failed = attempt({ statusCode: 500, error: 'HTTP 500', nextAttemptAt: at(2_500) });
    expect(nextWebhookStep(failed, now, limits)).toEqual({ type: 'wait', delayMs: 2_500 });
    expect(nextWebhookStep(failed, new Date(now.getTime() + 2_500), limits)).toEqual({ type: 'send', attempt: 2, interrupted: null });
  });

  it('leaves an attempt without an outcome to its sender until it cannot be in flight any more', () => {
    const claimed = attempt({ attempt: 2 });
    expect(nextWebhookStep(claimed, now, limits)).toEqual({ type: 'wait', delayMs: 14_000 });
    const later = new Date(now.getTime() + 14_000);
    expect(nextWebhookStep(claimed, later, limits)).toEqual({ type: 'send', attempt: 3, interrupted: claimed });
    expect(nextWebhookStep(attempt({ attempt: 3 }), later, limits)).toEqual({ type: 'give-up', interrupted: attempt({ attempt: 3 }) });
  });
});

describe('an attempt outcome', () => {
  const result = (statusCode: number | null, refused = false) => ({ statusCode, error: statusCode === null ? 'connect ECONNREFUSED' : null, refused, durationMs: 12 });

  it('is delivered on any 2xx', () => {
    for (const status of [200, 202, 204, 299]) {
      expect(attemptOutcome(result(status), 1, policy, now)).toEqual({ state: 'delivered', statusCode: status, error: null, durationMs: 12, deliveredAt: now, nextAttemptAt: null });
    }
  });

  it('schedules another attempt on a non-2xx, a timeout or a network error', () => {
    expect(attemptOutcome(result(500), 1, policy, now, () => 0)).toMatchObject({ state: 'pending', error: 'HTTP 500', nextAttemptAt: new Date(at(500)) });
    expect(attemptOutcome(result(302), 2, policy, now, () => 1)).toMatchObject({ state: 'pending', statusCode: 302, nextAttemptAt: new Date(at(2_000)) });
    expect(attemptOutcome(result(null), 1, policy, now)).toMatchObject({ state: 'pending', statusCode: null, error: 'connect ECONNREFUSED' });
  });

  it('fails for good after the last attempt, or at once when the URL is refused', () => {
    expect(attemptOutcome(result(503), 4, policy, now)).toMatchObject({ state: 'failed', nextAttemptAt: null });
    expect(attemptOutcome(result(null, true), 1, policy, now)).toMatchObject({ state: 'failed', nextAttemptAt: null });
  });
});
