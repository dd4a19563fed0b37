/**
 * How hard the suite pushes. The short form runs inside `npm test` on a loaded two-core machine,
 * so it keeps a few dozen jobs in flight; the full form (`npm run test:faults`, FAULTS_FULL=1)
 * runs more load and the long PostgreSQL outage, and regenerates docs/reliability.md.
 */
export interface FaultProfile {
  readonly form: 'short' | 'full';
  /** Submissions per second, steady through the fault. */
  readonly jobsPerSecond: number;
  /** How long the load lasts in a scenario whose fault is a moment (a kill, a restart). */
  readonly loadSeconds: number;
  /** Jobs accepted before the fault is injected, so that work is in flight when it hits. */
  readonly jobsBeforeFault: number;
  readonly input: { readonly steps: number; readonly step_ms: number; readonly outputs: number };
  readonly postgresOutageMs: number;
  /** Upper bound for recovery; reaching it is a failure, reported with what was left. */
  readonly recoveryTimeoutMs: number;
}

const SHORT: FaultProfile = {
  form: 'short',
  jobsPerSecond: 5,
  loadSeconds: 5,
  jobsBeforeFault: 8,
  input: { steps: 6, step_ms: 250, outputs: 2 },
  postgresOutageMs: 5_000,
  recoveryTimeoutMs: 90_000,
};

// Just under what one echo worker (8 at once, 1.2 s a job) finishes: the load never outruns it.
const FULL: FaultProfile = {
  form: 'full',
  jobsPerSecond: 6,
  loadSeconds: 15,
  jobsBeforeFault: 30,
  input: { steps: 6, step_ms: 200, outputs: 2 },
  postgresOutageMs: 30_000,
  recoveryTimeoutMs: 180_000,
};

export function faultProfile(env: NodeJS.ProcessEnv = process.env): FaultProfile {
  return env['FAULTS_FULL'] === '1' ? FULL : SHORT;
}
