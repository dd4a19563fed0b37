import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.mjs';

const LIST = join(ROOT, 'tools/dev/debian-packages.txt');

/**
 * Installs the Debian packages the platform shells out to (listed one per line in
 * tools/dev/debian-packages.txt) when running as root; otherwise says which are missing. A failed
 * install is only a warning: the servers it provides may still come from NATS_URL and friends.
 */
export function ensureDebianPackages(log, warn) {
  const wanted = readFileSync(LIST, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
  if (!hasDpkg()) return; // not a Debian system: nothing to check with
  const missing = wanted.filter((name) => !isInstalled(name));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    warn(`missing Debian packages: ${missing.join(' ')} (install: sudo apt-get install ${missing.join(' ')})`);
    return;
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync('apt-get', args, { env, stdio: ['ignore', 'inherit', 'inherit'] }).status === 0;
  if (!apt(['update']) || !apt(['install', '-y', '--no-install-recommends', ...missing])) {
    warn(`could not install ${missing.join(' ')} with apt-get`);
  }
}

/** `dpkg -s` knows removed packages too, so the status line must say "install ok installed". */
function isInstalled(name) {
  const result = spawnSync('dpkg', ['-s', name], { encoding: 'utf8' });
  return result.status === 0 && /^Status: install ok installed$/m.test(result.stdout);
}

function hasDpkg() {
  return !spawnSync('dpkg', ['--version']).error;
}
