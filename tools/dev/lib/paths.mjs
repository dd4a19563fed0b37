import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever directory a dev script is started from. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Local state (embedded servers, development JWT secret, test results): `JETJOBS_DATA_DIR` or `.data`. */
export function dataDir(env = process.env) {
  return env.JETJOBS_DATA_DIR ? resolve(ROOT, env.JETJOBS_DATA_DIR) : join(ROOT, '.data');
}
