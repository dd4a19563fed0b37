import { ClusterStack } from '../harness/cluster-stack';
import type { ScenarioResult } from '../harness/fault-scenario';
import { disposeLeftovers } from '../harness/leftovers';
import { runScenarioOn } from '../harness/run-scenario';
import { clusterProfile } from './cluster-profile';
import { writeClusterResults, writeClusterTable } from './cluster-report';
import { clusterScenarios, SHORT_SCENARIOS } from './cluster-scenarios';

const profile = clusterProfile();
const all = clusterScenarios(profile);
const scenarios = profile.form === 'full' ? all : all.filter((scenario) => SHORT_SCENARIOS.has(scenario.id));
const results: ScenarioResult[] = [];

// Each scenario boots three nodes, PostgreSQL and six services, injects its fault and waits out recovery.
const SCENARIO_TIMEOUT_MS = profile.recoveryTimeoutMs + profile.settleTimeoutMs * 2 + 120_000;

describe(`platform on a 3-node NATS cluster with two replicas of every service (${profile.form} form)`, () => {
  afterAll(async () => {
    await disposeLeftovers();
    writeClusterResults(results, profile);
    if (profile.form === 'full' && results.length === all.length) writeClusterTable(results, profile);
  });

  it.each(scenarios)('$name: no service exits, every job ends once, the read model matches the stream', async (scenario) => {
    const result = await runScenarioOn(scenario, profile, () => ClusterStack.start());
    results.push(result);
    expect(result.violations).toEqual([]);
    expect(result.jobsLost).toBe(0);
    expect(result.duplicates).toBe(0);
    expect(result.inFlightAtFault).toBeGreaterThan(0);
    expect(result.faultsInjected).toBeGreaterThan(0);
  }, SCENARIO_TIMEOUT_MS);
});
