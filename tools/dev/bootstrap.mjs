// Gets a machine ready to run jetjobs: npm dependencies, Debian packages, a NATS server with
// JetStream and a PostgreSQL server, found or started. Used by start.mjs and test.mjs.
// It runs before node_modules exists, so only node: built-ins are imported at the top level
// (here and in lib/); npm packages are imported once ensureNpmDeps has installed them.
import { mkdirSync } from 'node:fs';
import { ensureDebianPackages } from './lib/debian-packages.mjs';
import { log as defaultLog, SetupError, warn as defaultWarn } from './lib/log.mjs';
import { resolveNats } from './lib/nats.mjs';
import { ensureNpmDeps } from './lib/npm-deps.mjs';
import { dataDir as defaultDataDir } from './lib/paths.mjs';
import { resolvePostgres } from './lib/postgres.mjs';

/**
 * @returns {Promise<{ natsUrl: string, postgresUrl: string, stop(): Promise<void> }>} the
 * servers' URLs (PostgreSQL's names the maintenance database) and a function stopping whatever
 * was started here.
 */
export async function bootstrap(options = {}) {
  try {
    return await prepare(options);
  } catch (error) {
    throw asSetupError(error);
  }
}

async function prepare({ env = process.env, log = defaultLog, warn = defaultWarn }) {
  ensureNpmDeps(log, warn);
  ensureDebianPackages(log, warn);
  const forced = forcedEmbedded(env);
  const dataDir = defaultDataDir(env);
  ensureDataDir(dataDir);
  const nats = await resolveNats({ env, dataDir, forceEmbedded: forced.has('nats'), log, warn });
  let postgres;
  try {
    postgres = await resolvePostgres({ env, dataDir, forceEmbedded: forced.has('postgres'), log });
  } catch (error) {
    await nats.stop();
    throw error;
  }
  return {
    natsUrl: nats.url,
    postgresUrl: postgres.url,
    async stop() {
      await Promise.allSettled([postgres.stop(), nats.stop()]);
    },
  };
}

/** The message a person reads is one sentence: what failed and what to do, never a stack trace. */
function asSetupError(error) {
  if (error instanceof SetupError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SetupError(
    `getting this machine ready failed: ${message.split('\n')[0]}; fix that and run again, or set NATS_URL and DATABASE_URL to running servers`,
  );
}

function ensureDataDir(dataDir) {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new SetupError(`the data directory ${dataDir} cannot be created (${error.code}): set JETJOBS_DATA_DIR to a writable folder`);
  }
}

/**
 * JETJOBS_FORCE_EMBEDDED=1 (or "nats", "postgres", "nats,postgres") ignores servers on the default
 * ports and starts embedded ones on free ports: how the fallback path of a fresh machine is tested
 * on one that has both servers. NATS_URL and DATABASE_URL still win.
 */
function forcedEmbedded(env) {
  const value = (env.JETJOBS_FORCE_EMBEDDED ?? '').trim().toLowerCase();
  if (value === '' || value === '0' || value === 'false') return new Set();
  if (value === '1' || value === 'true' || value === 'all') return new Set(['nats', 'postgres']);
  return new Set(value.split(',').map((part) => part.trim()));
}
