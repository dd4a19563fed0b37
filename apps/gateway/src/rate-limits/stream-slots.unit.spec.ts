import { StreamSlots } from './stream-slots';

describe('StreamSlots', () => {
  const take = (slots: StreamSlots, project: string) => {
    const result = slots.acquire(project);
    if (!('release' in result)) throw new Error(`refused: ${result.refused}`);
    return result.release;
  };

  it('refuses a project at its cap, and lets it in again when one of its slots is given back', () => {
    const slots = new StreamSlots({ perProject: 2, total: 10 });
    const first = take(slots, 'a');
    take(slots, 'a');
    expect(slots.acquire('a')).toEqual({ refused: 'project' });
    expect('release' in slots.acquire('b')).toBe(true);
    first();
    expect('release' in slots.acquire('a')).toBe(true);
  });

  it('refuses every project once the replica holds its total', () => {
    const slots = new StreamSlots({ perProject: 5, total: 2 });
    take(slots, 'a');
    const b = take(slots, 'b');
    expect(slots.acquire('c')).toEqual({ refused: 'total' });
    b();
    expect(slots.held()).toBe(1);
    expect('release' in slots.acquire('c')).toBe(true);
  });

  it('gives a slot back once however often release is called, and forgets idle projects', () => {
    const slots = new StreamSlots({ perProject: 1, total: 1 });
    const release = take(slots, 'a');
    release();
    release();
    expect([slots.held(), slots.held('a')]).toEqual([0, 0]);
    take(slots, 'a');
    expect(slots.acquire('b')).toEqual({ refused: 'total' });
  });

  it('refuses limits below one at construction', () => {
    expect(() => new StreamSlots({ perProject: 0, total: 1 })).toThrow(RangeError);
  });
});
