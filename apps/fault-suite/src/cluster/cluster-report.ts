import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { reliabilityDir } from '../harness/data-dir';
import type { ScenarioResult } from '../harness/fault-scenario';
import { RELIABILITY_DOC } from '../harness/fault-report';
import type { ClusterProfile } from './cluster-profile';

const START = '<!-- cluster:start -->';
const END = '<!-- cluster:end -->';

/** Writes `<data dir>/reliability/cluster.json`: one run's measurements, scenario by scenario. */
export function writeClusterResults(results: readonly ScenarioResult[], profile: ClusterProfile): void {
  mkdirSync(reliabilityDir(), { recursive: true });
  const report = { generatedAt: new Date().toISOString(), form: profile.form, machine: machine(), profile, scenarios: results };
  writeFileSync(join(reliabilityDir(), 'cluster.json'), `${JSON.stringify(report, null, 2)}\n`);
}

/** Replaces the cluster table in docs/reliability.md (between its markers) with this run's. */
export function writeClusterTable(results: readonly ScenarioResult[], profile: ClusterProfile): void {
  const doc = existsSync(RELIABILITY_DOC) ? readFileSync(RELIABILITY_DOC, 'utf8') : '';
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${RELIABILITY_DOC} lacks the ${START} … ${END} markers`);
  writeFileSync(RELIABILITY_DOC, `${doc.slice(0, start + START.length)}\n${clusterTable(results, profile)}${doc.slice(end)}`);
}

export function clusterTable(results: readonly ScenarioResult[], profile: ClusterProfile): string {
  const s = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(1));
  const failover = (t: Readonly<Record<string, number>>) =>
    t['projector failover'] === undefined ? '–' : `${s(t['projector failover'])} / ${s(t['dispatcher failover'])} / ${s(t['webhooks failover'])}`;
  const rows = results.map((r) => {
    const t = r.timings ?? {};
    return [r.name, r.jobs, r.inFlightAtFault, r.faultsInjected, s(r.recoveryMs), s(t['election']), s(t['node caught up']), failover(t),
      r.jobsLost, r.duplicates, r.retriedJobs, r.submitRetries, r.sseReconnects].join(' | ');
  });
  const lines = [
    `Run of ${new Date().toISOString().slice(0, 10)}, ${profile.form} form (${profile.jobsPerSecond} jobs/s of echo jobs with ` +
      `${profile.input.steps} steps of ${profile.input.step_ms} ms and ${profile.input.outputs} outputs, a webhook and an SSE client each; ` +
      `3 nats-server nodes, 2 gateways, 2 registries, 2 echo workers), on ${machine()}.`,
    '',
    '| scenario | jobs | in flight at fault | faults | recovery (s) | election (s) | node caught up (s) | failover projector / dispatcher / webhooks (s) | lost | duplicates | jobs retried | submit retries | SSE reconnects |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((row) => `| ${row} |`),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

function machine(): string {
  return `${cpus().length} cores, Node ${process.versions.node}`;
}
