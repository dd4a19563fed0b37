import type { JobStatus } from '@jetjobs/contracts';

export const PLAN_KINDS = ['echo', 'cancel', 'fail'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** What the soak does with one job, and which terminal statuses count as the right outcome. */
export interface JobPlan {
  readonly kind: PlanKind;
  readonly input: { readonly message: string; readonly steps: number; readonly step_ms: number };
  /** For `cancel`: how long after the submit the cancel is sent. */
  readonly cancelAfterMs: number;
  readonly expected: readonly JobStatus[];
}

const between = (random: () => number, min: number, max: number) => Math.floor(min + random() * (max - min + 1));

/**
 * Draws the next job of the mix. Echo jobs vary from one instant step to ten steps of 400 ms. A
 * cancelled job runs long enough (20 steps of 250 ms) for the cancel to land while it runs; one
 * that still finishes first is a legitimate race, so `completed` is accepted too. A failing job
 * asks for zero steps, which the echo worker refuses as a permanent `invalid_input` error.
 */
export function drawPlan(cancelPercent: number, failPercent: number, random: () => number = Math.random): JobPlan {
  const roll = random() * 100;
  if (roll < cancelPercent) {
    return { kind: 'cancel', input: { message: 'soak cancel', steps: 20, step_ms: 250 }, cancelAfterMs: between(random, 200, 3_000), expected: ['cancelled', 'completed'] };
  }
  if (roll < cancelPercent + failPercent) {
    return { kind: 'fail', input: { message: 'soak fail', steps: 0, step_ms: 0 }, cancelAfterMs: 0, expected: ['failed'] };
  }
  return { kind: 'echo', input: { message: 'soak', steps: between(random, 1, 10), step_ms: between(random, 0, 400) }, cancelAfterMs: 0, expected: ['completed'] };
}
