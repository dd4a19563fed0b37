import { jsonNestingDepth } from '@jetjobs/contracts';
import { refuseDeepJson } from './json-depth-limit';

const depth = (text: string) => jsonNestingDepth(Buffer.from(text, 'utf8'));
const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('jsonNestingDepth', () => {
  it.each([
    ['1', 0],
    ['"text"', 0],
    ['{}', 1],
    ['[1, [2, {"a": [3]}]]', 4],
    ['[[], [], []]', 2],
    ['{"a": "[[[[{{{{"}', 1],
    ['{"a": "quote \\" then [[[ "}', 1],
    ['{"a": "backslash \\\\", "b": [[1]]}', 3],
    ['{"été": ["日本", {"ключ": []}]}', 4],
  ])('%s → %d', (text, expected) => {
    expect(depth(text)).toBe(expected);
  });

  it('counts a megabyte of brackets in one pass', () => {
    expect(depth(nested(500_000))).toBe(500_000);
  });
});

describe('refuseDeepJson', () => {
  const verify = refuseDeepJson(64);
  const check = (text: string) => () => verify({} as never, {} as never, Buffer.from(text));

  it('accepts a body nested exactly to the bound', () => {
    expect(check(nested(64))).not.toThrow();
  });

  it('refuses one level more with a 400 that names the bound', () => {
    expect(check(nested(65))).toThrow(expect.objectContaining({ status: 400, type: 'entity.too.deep', message: expect.stringContaining('64 levels') }));
  });
});
