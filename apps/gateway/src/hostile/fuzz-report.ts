import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** What a fuzz run tried, for the reliability report. */
export interface FuzzReport {
  readonly cases: number;
  readonly endpoints: number;
  readonly seed: number;
  readonly failures: number;
}

/** The repository root, from this file's place in it (`apps/gateway/src/hostile`). */
const ROOT = resolve(__dirname, '../../../..');

/** `<JETJOBS_DATA_DIR or .data>/reliability/fuzz.json`, where the fault suite's report reads it. */
export function fuzzReportPath(env: NodeJS.ProcessEnv = process.env): string {
  const dataDir = env['JETJOBS_DATA_DIR'] ? resolve(ROOT, env['JETJOBS_DATA_DIR']) : join(ROOT, '.data');
  return join(dataDir, 'reliability', 'fuzz.json');
}

export async function writeFuzzReport(report: FuzzReport, path = fuzzReportPath()): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, `${JSON.stringify(report)}\n`);
}
