import { ProjectSlots } from './project-slots';

describe('per-project webhook slots', () => {
  it('gives a project at most its cap, and others their own', () => {
    const slots = new ProjectSlots(2);
    const a1 = slots.tryEnter('a');
    const a2 = slots.tryEnter('a');
    expect(a1).not.toBeNull();
    expect(a2).not.toBeNull();
    expect(slots.tryEnter('a')).toBeNull();
    expect(slots.tryEnter('b')).not.toBeNull();
    expect(slots.used('a')).toBe(2);
    expect(slots.used('b')).toBe(1);
  });

  it('frees a slot once, however often it is given back', () => {
    const slots = new ProjectSlots(1);
    const leave = slots.tryEnter('a')!;
    leave();
    leave();
    expect(slots.used('a')).toBe(0);
    expect(slots.tryEnter('a')).not.toBeNull();
    expect(slots.tryEnter('a')).toBeNull();
  });
});
