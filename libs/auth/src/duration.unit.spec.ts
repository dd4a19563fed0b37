import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['30s', 30],
    ['15m', 900],
    ['1h', 3600],
    ['2d', 172_800],
    ['3600', 3600],
    ['1w', 604_800],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '0', '1.5h', '-1h', '1y', 'h', '1 h', '99999999999999999999'])('rejects "%s"', (text) => {
    expect(() => parseDuration(text)).toThrow(`Invalid duration "${text}"`);
  });
});
