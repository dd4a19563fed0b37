/**
 * Removes what one test run left behind: NATS streams (KV and object-store buckets are streams
 * too) and PostgreSQL databases named after its namespace. Names are matched on the namespace
 * followed by `_`/`-` or the end, so `ci_ab12` never touches `ci_ab123`.
 */
export async function cleanUpNamespace({ namespace, natsUrl, postgresUrl }) {
  const [streams, databases] = await Promise.all([
    dropStreams(natsUrl, namespace),
    dropDatabases(postgresUrl, namespace),
  ]);
  return { streams, databases };
}

function ownedBy(name, prefix) {
  return name === prefix || name.startsWith(`${prefix}_`) || name.startsWith(`${prefix}-`);
}

async function dropStreams(natsUrl, namespace) {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const upper = namespace.toUpperCase().replace(/-/g, '_');
  const prefixes = [upper, `KV_${namespace}`, `OBJ_${namespace}`];
  const nc = await connect({ servers: natsUrl.split(','), timeout: 5000 });
  try {
    const jsm = await jetstreamManager(nc);
    const doomed = [];
    for await (const name of jsm.streams.names()) {
      if (prefixes.some((prefix) => ownedBy(name, prefix))) doomed.push(name);
    }
    for (const name of doomed) await jsm.streams.delete(name);
    return doomed;
  } finally {
    await nc.close();
  }
}

async function dropDatabases(postgresUrl, namespace) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const prefix = namespace.toLowerCase();
    const { rows } = await client.query('SELECT datname FROM pg_database');
    const doomed = rows.map((row) => row.datname).filter((name) => ownedBy(name, prefix));
    // FORCE: a test that crashed may have left a pool open.
    for (const name of doomed) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
    return doomed;
  } finally {
    await client.end();
  }
}
