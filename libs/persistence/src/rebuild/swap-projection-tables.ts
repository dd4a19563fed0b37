import type { DataSource, EntityManager } from 'typeorm';
import { advanceCheckpoint, lockCheckpoint } from '../projection/checkpoint.writer';
import { PROJECTION_TABLES, REBUILD_SCHEMA, RETIRED_SCHEMA } from './shadow-schema';

export interface SwapOptions {
  /** The checkpoint the projection's consumer writes (`jobs` for the registry's projector). */
  readonly projection: string;
  /**
   * Runs while the live checkpoint is locked, so no projector can move it: brings the rebuilt
   * tables to at least `liveCheckpoint` (and verifies what it added). Resolves to their checkpoint.
   */
  readonly catchUp: (liveCheckpoint: number) => Promise<number>;
  /** How long to wait for readers of the live tables before giving up (the swap is retried later). */
  readonly lockTimeoutMs?: number;
}

/**
 * Replaces the live projection tables with the rebuilt ones in one transaction. The live
 * projector's checkpoint row is locked first: a projector holds that lock while it writes a batch,
 * so once we hold it no batch is half-applied, and the checkpoint cannot move until we commit.
 * Events the projector acknowledged before the swap are all at or below the checkpoint we set,
 * which the rebuilt tables already contain; events after it reach the projector as usual. Readers
 * wait only for the renames; the replaced tables are dropped in the same transaction, and a swap
 * that fails changes nothing.
 */
export async function swapProjectionTables(live: DataSource, options: SwapOptions): Promise<{ liveCheckpoint: number; checkpoint: number }> {
  return live.transaction(async (manager) => {
    await manager.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(options.lockTimeoutMs ?? 15_000))}`);
    const liveCheckpoint = await lockCheckpoint(manager, options.projection);
    const checkpoint = await options.catchUp(liveCheckpoint);
    if (checkpoint < liveCheckpoint) {
      throw new Error(`The rebuilt tables stop at sequence ${checkpoint}, behind the live checkpoint ${liveCheckpoint}`);
    }
    const schema = await currentSchema(manager);
    await refuseDependents(manager, schema);
    await manager.query(`CREATE SCHEMA IF NOT EXISTS ${RETIRED_SCHEMA}`);
    for (const table of PROJECTION_TABLES) {
      // A table dropped by accident is simply replaced.
      if (await tableExists(manager, schema, table)) await manager.query(`ALTER TABLE ${quote(schema)}.${table} SET SCHEMA ${RETIRED_SCHEMA}`);
      await manager.query(`ALTER TABLE ${REBUILD_SCHEMA}.${table} SET SCHEMA ${quote(schema)}`);
    }
    await advanceCheckpoint(manager, options.projection, checkpoint);
    await manager.query(`DROP SCHEMA ${RETIRED_SCHEMA} CASCADE`);
    await manager.query(`DROP SCHEMA ${REBUILD_SCHEMA} CASCADE`);
    return { liveCheckpoint, checkpoint };
  });
}

/**
 * Views and foreign keys follow a table to its new schema, and dropping the replaced tables would
 * take them along: a swap would silently break them, so it refuses instead.
 */
export async function projectionDependents(ds: DataSource | EntityManager, schema?: string): Promise<string[]> {
  const rows = (await ds.query(
    `SELECT DISTINCT dependent.relname AS name
       FROM pg_class t
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_depend d ON d.refobjid = t.oid AND d.classid = 'pg_rewrite'::regclass
       JOIN pg_rewrite r ON r.oid = d.objid
       JOIN pg_class dependent ON dependent.oid = r.ev_class AND dependent.oid <> t.oid
      WHERE n.nspname = coalesce($1, current_schema()) AND t.relname = ANY($2)
     UNION
     SELECT DISTINCT c.conname AS name
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname = coalesce($1, current_schema()) AND t.relname = ANY($2)`,
    [schema ?? null, [...PROJECTION_TABLES]],
  )) as { name: string }[];
  return rows.map((row) => row.name);
}

async function refuseDependents(manager: EntityManager, schema: string): Promise<void> {
  const dependents = await projectionDependents(manager, schema);
  if (dependents.length > 0) {
    throw new Error(`Cannot swap the projection tables: ${dependents.join(', ')} depend on them (views or foreign keys)`);
  }
}

async function currentSchema(manager: EntityManager): Promise<string> {
  const [row] = (await manager.query('SELECT current_schema() AS schema')) as { schema: string }[];
  if (row === undefined) throw new Error('PostgreSQL reported no current schema');
  return row.schema;
}

async function tableExists(manager: EntityManager, schema: string, table: string): Promise<boolean> {
  const [row] = (await manager.query('SELECT to_regclass($1) IS NOT NULL AS present', [`${quote(schema)}.${table}`])) as { present: boolean }[];
  return row?.present ?? false;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
