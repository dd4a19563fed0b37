import { chooseRange } from './byte-range';

describe('chooseRange', () => {
  it.each([
    [undefined, 1000, { kind: 'full' }],
    ['bytes=0-499', 1000, { kind: 'partial', range: { start: 0, end: 499 } }],
    ['bytes=500-', 1000, { kind: 'partial', range: { start: 500, end: 999 } }],
    ['bytes=-200', 1000, { kind: 'partial', range: { start: 800, end: 999 } }],
    ['bytes=-5000', 1000, { kind: 'partial', range: { start: 0, end: 999 } }],
    ['bytes=900-5000', 1000, { kind: 'partial', range: { start: 900, end: 999 } }],
    [' Bytes = 1 - 2 ', 1000, { kind: 'partial', range: { start: 1, end: 2 } }],
    ['bytes=1000-', 1000, { kind: 'unsatisfiable' }],
    ['bytes=99999999999999999999-', 1000, { kind: 'unsatisfiable' }],
    ['bytes=-0', 1000, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
    ['bytes=-10', 0, { kind: 'unsatisfiable' }],
    ['bytes=5-1', 1000, { kind: 'full' }],
    ['bytes=0-1,4-5', 1000, { kind: 'full' }],
    ['bytes=-', 1000, { kind: 'full' }],
    ['seconds=0-1', 1000, { kind: 'full' }],
    ['', 1000, { kind: 'full' }],
  ])('%j of %d bytes → %j', (header, size, expected) => {
    expect(chooseRange(header, size)).toEqual(expected);
  });
});
