import { backoffDelayMs, decideRetry, policyFor } from './retry-policy';

const policy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 5_000 };
const now = new Date('2026-01-01T00:00:00.000Z');

describe('retry policy', () => {
  it('doubles the backoff ceiling per failed attempt, up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, policy, () => 1))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('draws the delay with full jitter below the ceiling', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(3, policy, () => 0.25)).toBe(1_000);
  });

  it('retries while attempts remain, then gives up', () => {
    expect(decideRetry(1, policy, now, () => 1)).toEqual({ retry: true, dueAt: new Date('2026-01-01T00:00:01.000Z') });
    expect(decideRetry(2, policy, now, () => 1)).toEqual({ retry: true, dueAt: new Date('2026-01-01T00:00:02.000Z') });
    expect(decideRetry(3, policy, now)).toEqual({ retry: false });
  });

  it('applies a per-kind override on top of the defaults', () => {
    expect(policyFor('clipper', policy, { clipper: { maxAttempts: 1 } })).toEqual({ ...policy, maxAttempts: 1 });
    expect(policyFor('other', policy, { clipper: { maxAttempts: 1 } })).toEqual(policy);
  });
});
