import { TokenBuckets, type RateDecision } from './token-buckets';

/** A clock the test moves by hand. */
function manualClock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const takeMany = (buckets: TokenBuckets, key: string, count: number): RateDecision[] => Array.from({ length: count }, () => buckets.take(key));

describe('TokenBuckets', () => {
  it('lets a full burst through at once, counting down what remains, then refuses', () => {
    const buckets = new TokenBuckets({ ratePerSecond: 2, burst: 3 }, manualClock().now);
    expect(takeMany(buckets, 'p', 4)).toEqual([
      { allowed: true, remaining: 2 },
      { allowed: true, remaining: 1 },
      { allowed: true, remaining: 0 },
      { allowed: false, remaining: 0, retryAfterSeconds: 1 },
    ]);
  });

  it('says when the next token comes in whole seconds, rounded up, and keeps that promise', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ ratePerSecond: 0.4, burst: 1 }, clock.now);
    expect(buckets.take('p').allowed).toBe(true);
    // One token every 2.5 s: 3 s to wait, not 2.
    expect(buckets.take('p')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 3 });
    clock.advance(1_000);
    expect(buckets.take('p')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 2 });
    clock.advance(2_000);
    expect(buckets.take('p')).toEqual({ allowed: true, remaining: 0 });
  });

  it('refills at the rate and never above the burst', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ ratePerSecond: 10, burst: 5 }, clock.now);
    takeMany(buckets, 'p', 5);
    clock.advance(300);
    expect(takeMany(buckets, 'p', 4).map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    clock.advance(60_000);
    expect(takeMany(buckets, 'p', 6).map((decision) => decision.allowed)).toEqual([true, true, true, true, true, false]);
  });

  it('keeps a bucket per key: one project spending its burst leaves another untouched', () => {
    const buckets = new TokenBuckets({ ratePerSecond: 1, burst: 2 }, manualClock().now);
    takeMany(buckets, 'busy', 3);
    expect(buckets.take('busy').allowed).toBe(false);
    expect(buckets.take('quiet')).toEqual({ allowed: true, remaining: 1 });
  });

  it('does not count refused attempts against the caller', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ ratePerSecond: 1, burst: 1 }, clock.now);
    buckets.take('p');
    takeMany(buckets, 'p', 50);
    clock.advance(1_000);
    expect(buckets.take('p').allowed).toBe(true);
  });

  it('forgets buckets that have refilled, so memory follows the recently active keys only', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ ratePerSecond: 10, burst: 20 }, clock.now); // refills in 2 s
    for (let project = 0; project < 1_000; project++) buckets.take(`idle-${project}`);
    expect(buckets.size).toBe(1_000);
    clock.advance(1_000);
    takeMany(buckets, 'active', 20);
    expect(buckets.size).toBe(1_001);
    clock.advance(1_000);
    buckets.take('active');
    // The idle buckets are full again and dropped; the active one, still short, is kept.
    expect(buckets.size).toBe(1);
    expect(buckets.take('active')).toMatchObject({ allowed: true });
    expect(buckets.take('idle-0')).toEqual({ allowed: true, remaining: 19 });
  });

  it('does not hand out tokens when the clock stands still or steps back', () => {
    const clock = manualClock(5_000);
    const buckets = new TokenBuckets({ ratePerSecond: 1, burst: 1 }, clock.now);
    buckets.take('p');
    clock.advance(-3_000);
    expect(buckets.take('p').allowed).toBe(false);
  });

  it('refuses settings that cannot describe a limit', () => {
    const now = () => 0;
    expect(() => new TokenBuckets({ ratePerSecond: 0, burst: 1 }, now)).toThrow('ratePerSecond must be a positive number');
    expect(() => new TokenBuckets({ ratePerSecond: Number.NaN, burst: 1 }, now)).toThrow('ratePerSecond must be a positive number');
    expect(() => new TokenBuckets({ ratePerSecond: 1, burst: 0 }, now)).toThrow('burst must be a whole number of at least 1');
    expect(() => new TokenBuckets({ ratePerSecond: 1, burst: 2.5 }, now)).toThrow('burst must be a whole number of at least 1');
  });
});
