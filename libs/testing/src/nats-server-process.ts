import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/**
 * A nats-server of a test's own, started from a configuration text (the `{{port}}` and
 * `{{dir}}` placeholders are filled in), for tests of authentication, permissions or TLS that the
 * shared development server cannot give. `stop()` kills it and removes its folder.
 */
export class NatsServerProcess {
  private log = '';

  private constructor(
    readonly port: number,
    readonly dir: string,
    private child: ChildProcess,
  ) {}

  static async start(config: string): Promise<NatsServerProcess> {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'jetjobs-test-nats-'));
    const file = join(dir, 'nats-server.conf');
    writeFileSync(file, config.replaceAll('{{port}}', String(port)).replaceAll('{{dir}}', dir));
    const server = new NatsServerProcess(port, dir, spawnServer(dir));
    try {
      await server.ready();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** The server's output so far (the last 256 KiB), e.g. to look for permission violations. */
  output(): string {
    return this.log;
  }

  url(scheme = 'nats'): string {
    return `${scheme}://127.0.0.1:${this.port}`;
  }

  /** Kills the server as a crash would, keeping its store and port for {@link relaunch}. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** Freezes the server (SIGSTOP): connections stay open and nothing answers, as on a hung node. */
  pause(): void {
    this.child.kill('SIGSTOP');
  }

  resume(): void {
    this.child.kill('SIGCONT');
  }

  /** Starts the server again on the same port and store, after {@link kill}. */
  async relaunch(): Promise<void> {
    this.log += '--- relaunched\n';
    this.child = spawnServer(this.dir);
    await this.ready();
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private ready(): Promise<void> {
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-256 * 1024);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    let output = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nats-server did not start within 15 s:\n${output}`)), 15_000);
      const watch = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Server is ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      this.child.stdout?.on('data', watch);
      this.child.stderr?.on('data', watch);
      this.child.once('error', (error) => reject(new Error(`nats-server could not be started: ${error.message}`)));
      this.child.once('exit', (code) => reject(new Error(`nats-server exited with code ${code}:\n${output}`)));
    });
  }
}

function spawnServer(dir: string): ChildProcess {
  return spawn('nats-server', ['-c', join(dir, 'nats-server.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
}
