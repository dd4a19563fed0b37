import { z } from 'zod';
import { blankAsUnset, count, flag, httpUrl } from './env-values';

const parse = <S extends z.ZodRawShape>(shape: S, env: Record<string, string>) => z.object(shape).safeParse(env);

describe('env values', () => {
  it('count: the default when unset, a number inside the bounds, an error outside them', () => {
    const shape = { N: count(2, 10, 4) };
    expect(parse(shape, {}).data).toEqual({ N: 4 });
    expect(parse(shape, { N: '10' }).data).toEqual({ N: 10 });
    expect(parse(shape, { N: '1' }).success).toBe(false);
    expect(parse(shape, { N: '11' }).success).toBe(false);
    expect(parse(shape, { N: '2.5' }).success).toBe(false);
  });

  it('flag: exactly true or false, the default when unset, an error on anything else', () => {
    const shape = { F: flag(true) };
    expect(parse(shape, {}).data).toEqual({ F: true });
    expect(parse(shape, { F: 'false' }).data).toEqual({ F: false });
    expect(parse({ F: flag(false) }, { F: 'true' }).data).toEqual({ F: true });
    for (const guess of ['0', '1', 'yes', 'no', 'TRUE', 'flase']) expect(parse(shape, { F: guess }).success).toBe(false);
  });

  it('httpUrl: http and https only; blank is unset', () => {
    const shape = { U: httpUrl() };
    expect(parse(shape, {}).data).toEqual({});
    expect(parse(shape, { U: '' }).data).toEqual({ U: undefined });
    expect(parse(shape, { U: 'https://models.internal:8080/v1' }).data).toEqual({ U: 'https://models.internal:8080/v1' });
    const refused = parse(shape, { U: 'ftp://models' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('an http(s) URL');
  });

  it('blankAsUnset: an empty string takes the default of the schema it wraps', () => {
    expect(parse({ S: blankAsUnset(z.string().min(1).default('x')) }, { S: '' }).data).toEqual({ S: 'x' });
  });
});
