import { parseDurationMs } from './duration';

describe('parseDurationMs', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['7d', 604_800_000],
    ['1w', 604_800_000],
    [' 0s ', 0],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it('takes a bare number only when told its unit', () => {
    expect(parseDurationMs('3600')).toBeNull();
    expect(parseDurationMs('3600', { bareUnit: 's' })).toBe(3_600_000);
  });

  it.each(['', 'h', '1.5h', '-1h', '1 h', '1y', '1hh', '999999999999999w', '99999999999999999999'])('refuses "%s"', (text) => {
    expect(parseDurationMs(text, { bareUnit: 's' })).toBeNull();
  });
});
