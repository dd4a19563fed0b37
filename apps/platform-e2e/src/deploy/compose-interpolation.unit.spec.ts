import { interpolate, parseEnvFile, requiredVariables } from './compose-interpolation';

describe('compose interpolation', () => {
  it('substitutes as Docker Compose does, defaults for unset (and, with a colon, empty) values', () => {
    const variables = { SET: 'a', EMPTY: '' };
    expect(interpolate('$SET ${SET} ${SET:-x} ${EMPTY:-x} ${EMPTY-x} ${UNSET-x} ${UNSET} $$SET', variables)).toBe('a a a x  x  $SET');
  });

  it('refuses a required variable that is unset, or empty with a colon, with the message given', () => {
    expect(() => interpolate('${EMPTY:?set EMPTY}', { EMPTY: '' })).toThrow('EMPTY: set EMPTY');
    expect(interpolate('${EMPTY?set EMPTY}', { EMPTY: '' })).toBe('');
    expect(() => interpolate('${UNSET?set it}', {})).toThrow('UNSET: set it');
  });

  it('lists required variables and reads .env files', () => {
    expect(requiredVariables('${A:?x} ${B:-y} ${C?z} $D')).toEqual(['A', 'C']);
    expect(parseEnvFile('# comment\n\nA=1\nB=\nC=x=y\n')).toEqual({ A: '1', B: '', C: 'x=y' });
  });
});
