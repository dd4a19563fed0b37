import { toPgJson } from './pg-json';

describe('toPgJson', () => {
  it('replaces NUL and unpaired surrogates, in values and keys, with U+FFFD', () => {
    const value = { 'k\u0000': ['a\u0000b', 'x\ud800y', 'z\udc00'] };

    expect(JSON.parse(toPgJson(value))).toEqual({ 'k\ufffd': ['a\ufffdb', 'x\ufffdy', 'z\ufffd'] });
  });

  it('leaves paired surrogates and escaped backslashes followed by "u0000" alone', () => {
    const value = ['😀', '\\u0000', '\\\\u0000', 'plain "quoted" \\ text'];

    expect(JSON.parse(toPgJson(value))).toEqual(value);
  });
});
