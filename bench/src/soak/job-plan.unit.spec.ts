import { drawPlan } from './job-plan';

/** A fixed sequence in place of Math.random. */
const rolls = (...values: number[]) => () => values.shift() ?? 0;

describe('soak job mix', () => {
  it('cancels the lowest rolls, fails the next band, and echoes the rest with varying length', () => {
    expect(drawPlan(10, 5, rolls(0.05, 0))).toMatchObject({ kind: 'cancel', cancelAfterMs: 200, expected: ['cancelled', 'completed'] });
    expect(drawPlan(10, 5, rolls(0.12))).toMatchObject({ kind: 'fail', input: { steps: 0 }, expected: ['failed'] });
    expect(drawPlan(10, 5, rolls(0.5, 0, 0.999))).toMatchObject({ kind: 'echo', input: { steps: 1, step_ms: 400 }, expected: ['completed'] });
  });

  it('draws only echo jobs when nothing is to be cancelled or failed', () => {
    expect(drawPlan(0, 0, rolls(0)).kind).toBe('echo');
  });
});
