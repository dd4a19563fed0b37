import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root, whichever directory Jest was started from. */
export const ROOT = resolve(__dirname, '../../../..');

/** Local state and results: `JETJOBS_DATA_DIR` or `.data`, as the dev scripts use. */
export function reliabilityDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(ROOT, env['JETJOBS_DATA_DIR'] ?? '.data', 'reliability');
}

/**
 * A fresh folder for one server's store, under TMPDIR. Read from this process's env, not through
 * os.tmpdir(): under Jest that reads the real process's env, not the test file's own copy.
 */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(process.env['TMPDIR'] || tmpdir(), prefix));
}
