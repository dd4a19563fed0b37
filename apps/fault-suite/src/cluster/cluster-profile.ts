import type { ScenarioLoad } from '../harness/run-scenario';

/**
 * How hard the cluster suite pushes. Its short form runs inside `npm test` next to everything
 * else on a two-core machine: two scenarios, a few jobs a second for a few seconds. The full form
 * (`npm run test:cluster`, CLUSTER_FULL=1) runs every scenario with more load and rewrites the
 * cluster table in docs/reliability.md.
 */
export interface ClusterProfile extends ScenarioLoad {
  readonly form: 'short' | 'full';
  /** How long a killed node stays down before it is started again. */
  readonly nodeDownMs: number;
  /** How long a node stays frozen (SIGSTOP) before SIGCONT. */
  readonly pauseMs: number;
  /** Upper bound for a node to rejoin and catch up, or a registry duty to fail over. */
  readonly settleTimeoutMs: number;
}

const SHORT: ClusterProfile = {
  form: 'short',
  jobsPerSecond: 3,
  loadSeconds: 6,
  jobsBeforeFault: 6,
  input: { steps: 4, step_ms: 250, outputs: 2 },
  nodeDownMs: 5_000,
  pauseMs: 30_000,
  recoveryTimeoutMs: 120_000,
  settleTimeoutMs: 90_000,
};

// Six echo jobs a second across two workers (8 at once each): well under what they finish.
const FULL: ClusterProfile = {
  form: 'full',
  jobsPerSecond: 6,
  loadSeconds: 15,
  jobsBeforeFault: 20,
  input: { steps: 6, step_ms: 200, outputs: 2 },
  nodeDownMs: 15_000,
  pauseMs: 30_000,
  recoveryTimeoutMs: 180_000,
  settleTimeoutMs: 120_000,
};

export function clusterProfile(env: NodeJS.ProcessEnv = process.env): ClusterProfile {
  return env['CLUSTER_FULL'] === '1' ? FULL : SHORT;
}
