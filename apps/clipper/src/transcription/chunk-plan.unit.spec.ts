import { planChunks } from './chunk-plan';

describe('chunk plan', () => {
  it('splits in the middle of the pause nearest the target length', () => {
    const pauses = [{ start: 10, end: 10.4 }, { start: 29, end: 29.6 }, { start: 44, end: 44.2 }, { start: 61, end: 61.4 }];
    expect(planChunks(80, pauses, 30, 45)).toEqual([{ start: 0, end: 29.3 }, { start: 29.3, end: 61.2 }, { start: 61.2, end: 80 }]);
  });

  it('cuts hard at the maximum when no pause is within reach, and keeps short audio whole', () => {
    expect(planChunks(100, [], 30, 45)).toEqual([{ start: 0, end: 45 }, { start: 45, end: 90 }, { start: 90, end: 100 }]);
    expect(planChunks(40, [{ start: 20, end: 21 }], 30, 45)).toEqual([{ start: 0, end: 40 }]);
  });
});
