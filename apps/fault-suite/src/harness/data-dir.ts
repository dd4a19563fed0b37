import { resolve } from 'node:path';

/** The repository root, whichever directory Jest was started from. */
export const ROOT = resolve(__dirname, '../../../..');

/** Local state and results: `JETJOBS_DATA_DIR` or `.data`, as the dev scripts use. */
export function reliabilityDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(ROOT, env['JETJOBS_DATA_DIR'] ?? '.data', 'reliability');
}
