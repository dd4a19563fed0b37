import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The directory local state lives in (development JWT secret, embedded servers):
 * `JETJOBS_DATA_DIR`, or `.data` at the repository root so that the CLI and `npm start` share it
 * whatever directory the CLI is run from.
 */
export function dataDir(env: NodeJS.ProcessEnv, cwd: string): string {
  const configured = env['JETJOBS_DATA_DIR'];
  if (configured) return resolve(cwd, configured);
  return join(repoRoot(__dirname), '.data');
}

/** The nearest ancestor whose package.json declares the npm workspaces. */
function repoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && 'workspaces' in JSON.parse(readFileSync(manifest, 'utf8'))) return dir;
    if (dirname(dir) === dir) throw new Error(`Cannot find the repository root above ${start}; set JETJOBS_DATA_DIR`);
  }
}
