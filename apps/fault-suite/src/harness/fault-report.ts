import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { FaultProfile } from '../fault-profile';
import { reliabilityDir, ROOT } from './data-dir';
import type { ScenarioResult } from './fault-scenario';

export const RELIABILITY_DOC = join(ROOT, 'docs', 'reliability.md');
const START = '<!-- faults:start -->';
const END = '<!-- faults:end -->';

/** Writes `<data dir>/reliability/faults.json`: one run's measurements, scenario by scenario. */
export function writeFaultResults(results: readonly ScenarioResult[], profile: FaultProfile): void {
  mkdirSync(reliabilityDir(), { recursive: true });
  const report = { generatedAt: new Date().toISOString(), form: profile.form, machine: machine(), profile, scenarios: results };
  writeFileSync(join(reliabilityDir(), 'faults.json'), `${JSON.stringify(report, null, 2)}\n`);
}

/** Replaces the fault suite's table in docs/reliability.md (between its markers) with this run's. */
export function writeFaultTable(results: readonly ScenarioResult[], profile: FaultProfile): void {
  const doc = existsSync(RELIABILITY_DOC) ? readFileSync(RELIABILITY_DOC, 'utf8') : '';
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${RELIABILITY_DOC} lacks the ${START} … ${END} markers`);
  writeFileSync(RELIABILITY_DOC, `${doc.slice(0, start + START.length)}\n${faultTable(results, profile)}${doc.slice(end)}`);
}

export function faultTable(results: readonly ScenarioResult[], profile: FaultProfile): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  const rows = results.map((r) =>
    [r.name, r.jobs, r.inFlightAtFault, r.faultsInjected, seconds(r.recoveryMs), seconds(r.webhooksMs), r.jobsLost, r.duplicates, r.retriedJobs, r.sseReconnects]
      .join(' | '),
  );
  const lines = [
    `Run of ${new Date().toISOString().slice(0, 10)}, ${profile.form} form (${profile.jobsPerSecond} jobs/s of echo jobs with ` +
      `${profile.input.steps} steps of ${profile.input.step_ms} ms and ${profile.input.outputs} outputs, a webhook and an SSE client each), on ${machine()}.`,
    '',
    '| scenario | jobs | in flight at fault | faults | recovery (s) | webhooks settled (s) | lost | duplicates | jobs retried | SSE reconnects |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((row) => `| ${row} |`),
    '',
    ...fuzzLine(),
  ];
  return `${lines.join('\n')}\n`;
}

/** The hostile-input suite leaves its case count next to ours; the report mentions it when present. */
function fuzzLine(): string[] {
  const file = join(reliabilityDir(), 'fuzz.json');
  if (!existsSync(file)) return [];
  try {
    const { cases } = JSON.parse(readFileSync(file, 'utf8')) as { cases?: unknown };
    return typeof cases === 'number' ? [`Hostile input: ${cases} fuzz cases in the latest fuzz run (\`.data/reliability/fuzz.json\`).`, ''] : [];
  } catch {
    return [];
  }
}

function machine(): string {
  return `${cpus().length} cores, Node ${process.versions.node}`;
}
