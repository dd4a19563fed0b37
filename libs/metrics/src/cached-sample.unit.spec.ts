import { BoundedLabel } from './bounded-label';
import { cachedSample } from './cached-sample';

describe('cached samples', () => {
  it('shares one read between calls within the time to live, and reads again after it', async () => {
    let now = 0;
    let reads = 0;
    const sample = cachedSample(async () => ++reads, 2_000, () => now);
    expect(await Promise.all([sample(), sample()])).toEqual([1, 1]);
    now = 1_999;
    expect(await sample()).toBe(1);
    now = 2_000;
    expect(await sample()).toBe(2);
  });

  it('keeps no failed read: the next call tries again', async () => {
    let fail = true;
    const sample = cachedSample(async () => {
      if (fail) throw new Error('NATS away');
      return 'ok';
    }, 60_000, () => 0);
    await expect(sample()).rejects.toThrow('NATS away');
    fail = false;
    expect(await sample()).toBe('ok');
  });
});

describe('bounded labels', () => {
  it('keeps the first values and folds the rest into "other"', () => {
    const kinds = new BoundedLabel(2);
    expect(['echo', 'clipper', 'echo', 'avf', 'clipper'].map((kind) => kinds.of(kind))).toEqual(['echo', 'clipper', 'echo', 'other', 'clipper']);
  });
});
