import { runPool } from './run-pool';

describe('run pool', () => {
  it('keeps at most `concurrency` tasks running and returns results in order', async () => {
    let running = 0;
    let peak = 0;
    const results = await runPool([3, 1, 2, 5], 2, new AbortController().signal, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await Promise.resolve();
      running--;
      return n * 10;
    });
    expect(results).toEqual([30, 10, 20, 50]);
    expect(peak).toBe(2);
  });

  it('on a failure aborts the others and waits for them to end before rejecting', async () => {
    const ended: number[] = [];
    const pool = runPool([0, 1], 2, new AbortController().signal, async (n, _i, signal) => {
      if (n === 0) throw new Error('piece 0 failed');
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      ended.push(n);
    });
    await expect(pool).rejects.toThrow('piece 0 failed');
    expect(ended).toEqual([1]);
  });
});
