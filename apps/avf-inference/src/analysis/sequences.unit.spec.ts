import { planSequences } from './sequences';

const spans = (frames: number, length: number, exact?: boolean) => planSequences(frames, length, exact).map((s) => [s.start, s.end]);

describe('planSequences', () => {
  it('keeps a remainder of at least half a sequence as its own sequence', () => {
    expect(spans(134, 50)).toEqual([[0, 50], [50, 100], [100, 134]]);
  });

  it('joins a shorter remainder to the previous sequence', () => {
    expect(spans(120, 50)).toEqual([[0, 50], [50, 120]]);
  });

  it('makes one short sequence of a video shorter than a sequence', () => {
    expect(spans(30, 50)).toEqual([[0, 30]]);
    expect(spans(0, 50)).toEqual([]);
  });

  it('leaves a remainder out when the model takes exactly `length` frames', () => {
    expect(spans(134, 50, true)).toEqual([[0, 50], [50, 100]]);
  });

  it('numbers the sequences in order', () => {
    expect(planSequences(134, 50).map((s) => s.index)).toEqual([0, 1, 2]);
  });
});
