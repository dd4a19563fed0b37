import { ConfigError } from '@jetjobs/config';
import { loadGatewayConfig } from '../config/gateway-config';

const load = (env: Record<string, string>) => loadGatewayConfig({ JWT_SECRET: 'x'.repeat(32), ...env });

/** The problems start-up would print, or none. */
function problems(env: Record<string, string>): readonly string[] {
  try {
    load(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('submit rate limit settings', () => {
  it('default to 50 per second with bursts of 200 per project', () => {
    expect(load({})).toMatchObject({ JETJOBS_SUBMIT_RATE_PER_SECOND: 50, JETJOBS_SUBMIT_BURST: 200 });
  });

  it('take fractions of a second, and 0 to turn the limit off', () => {
    expect(load({ JETJOBS_SUBMIT_RATE_PER_SECOND: '0.5', JETJOBS_SUBMIT_BURST: '3' })).toMatchObject({ JETJOBS_SUBMIT_RATE_PER_SECOND: 0.5, JETJOBS_SUBMIT_BURST: 3 });
    expect(load({ JETJOBS_SUBMIT_RATE_PER_SECOND: '0' }).JETJOBS_SUBMIT_RATE_PER_SECOND).toBe(0);
  });

  it('stop start-up with a message naming the variable and what it takes', () => {
    expect(problems({ JETJOBS_SUBMIT_RATE_PER_SECOND: 'fast' })).toEqual([
      'JETJOBS_SUBMIT_RATE_PER_SECOND: submissions per second, a number such as 50 or 0.5 (0 turns the limit off)',
    ]);
    expect(problems({ JETJOBS_SUBMIT_BURST: '0' })).toEqual(['JETJOBS_SUBMIT_BURST: at least 1 (to turn the limit off, set JETJOBS_SUBMIT_RATE_PER_SECOND=0)']);
    expect(problems({ JETJOBS_SUBMIT_BURST: '2.5', JETJOBS_SUBMIT_RATE_PER_SECOND: '-1' })).toEqual([
      'JETJOBS_SUBMIT_RATE_PER_SECOND: submissions per second, a number such as 50 or 0.5 (0 turns the limit off)',
      'JETJOBS_SUBMIT_BURST: a whole number of submissions a project may make at once',
    ]);
    expect(() => load({ JETJOBS_SUBMIT_BURST: 'lots' })).toThrow(
      'Invalid configuration:\n  - JETJOBS_SUBMIT_BURST: a whole number of submissions a project may make at once',
    );
  });

  it('refuses an empty value rather than reading it as 0, which would switch the limit off', () => {
    expect(problems({ JETJOBS_SUBMIT_RATE_PER_SECOND: '' })).toHaveLength(1);
    expect(problems({ JETJOBS_SUBMIT_BURST: ' ' })).toHaveLength(1);
  });
});
