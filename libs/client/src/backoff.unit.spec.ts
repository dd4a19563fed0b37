import { DEFAULT_RETRY_POLICY, retryDelayMs, sleep } from './backoff';
import { retryAfterSeconds } from './jetjobs-error';

describe('retry delays', () => {
  const policy = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles per retry with up to half of it jittered, capped', () => {
    expect([0, 1, 2].map((retry) => retryDelayMs(policy, retry, null, () => 0))).toEqual([50, 100, 200]);
    expect([0, 1, 2].map((retry) => retryDelayMs(policy, retry, null, () => 1))).toEqual([100, 200, 400]);
    expect(retryDelayMs(policy, 10, null, () => 1)).toBe(1_000);
  });

  it("lets the server's Retry-After win, within the cap", () => {
    expect(retryDelayMs(policy, 0, 0, () => 1)).toBe(0);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 0, 2, () => 1)).toBe(2_000);
    expect(retryDelayMs(policy, 0, 60, () => 1)).toBe(1_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryAfterSeconds(new Headers({ 'retry-after': '3' }), now)).toBe(3);
    expect(retryAfterSeconds(new Headers({ 'retry-after': 'Tue, 01 Dec 2026 10:00:05 GMT' }), now)).toBe(5);
    expect(retryAfterSeconds(new Headers({ 'retry-after': 'whenever' }), now)).toBeNull();
    expect(retryAfterSeconds(new Headers(), now)).toBeNull();
  });

  it('stops sleeping when the signal aborts, with its reason', async () => {
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(slept).rejects.toThrow('stop');
  });
});
