import { rmSync } from 'node:fs';
import { freePort } from '@jetjobs/testing';
import { scratchDir } from './data-dir';
import { trackLeftover } from './leftovers';
import { ManagedProcess } from './managed-process';

/**
 * A nats-server of one scenario, with JetStream on file storage in a directory of its own. A
 * restart reuses the directory and port, so the streams and the clients' URL survive it.
 */
export class NatsServer {
  private process: ManagedProcess | null = null;
  // Its folder too must go if the scenario is abandoned before it disposes the server.
  private readonly untrack = trackLeftover(() => this.dispose());

  private constructor(
    readonly port: number,
    private readonly storeDir: string,
  ) {}

  /** A server that does not come up is stopped and its store removed before the error surfaces. */
  static async start(): Promise<NatsServer> {
    const port = await freePort();
    const server = new NatsServer(port, scratchDir('jetjobs-faults-nats-'));
    try {
      await server.launch();
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Stops the server (SIGTERM: a clean shutdown, SIGKILL: a crash) and starts it again. */
  async restart(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.process?.stop(signal);
    await this.launch();
  }

  async dispose(): Promise<void> {
    this.untrack();
    await this.process?.stop('SIGKILL');
    rmSync(this.storeDir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const args = ['-js', '-sd', this.storeDir, '-a', '127.0.0.1', '-p', String(this.port)];
    this.process = ManagedProcess.start('nats-server', 'nats-server', args);
    // Printed once JetStream has recovered its streams from disk and clients are accepted.
    await this.process.waitForOutput('Server is ready');
  }
}
