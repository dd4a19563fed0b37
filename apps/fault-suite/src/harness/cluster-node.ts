import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process';

/** What a node needs to know of its cluster: its own ports and every node's route port. */
export interface NodePorts {
  readonly client: number;
  readonly route: number;
  /** The monitoring port: `/jsz` names the meta leader. */
  readonly monitor: number;
}

/**
 * One nats-server of a loopback JetStream cluster, on file storage in a folder of its own. A
 * relaunch reuses the folder and ports, as a restarted machine would; `pause`/`resume` freeze it
 * (SIGSTOP/SIGCONT): a hung or partitioned node whose sockets stay open.
 */
export class ClusterNode {
  private process: ManagedProcess | null = null;
  private paused = false;

  constructor(
    readonly serverName: string,
    readonly ports: NodePorts,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.ports.client}`;
  }

  /** Running and not frozen: a node that can answer. */
  get running(): boolean {
    return this.process !== null && !this.process.exited && !this.paused;
  }

  /** Writes the configuration: cluster routes to every node, and the users' authorization block. */
  configure(clusterName: string, routePorts: readonly number[], authorization: string): void {
    const routes = routePorts.map((port) => JSON.stringify(`nats-route://127.0.0.1:${port}`)).join(', ');
    const config = [
      `server_name: ${this.serverName}`,
      `listen: 127.0.0.1:${this.ports.client}`,
      `http: 127.0.0.1:${this.ports.monitor}`,
      `jetstream { store_dir: ${JSON.stringify(join(this.dir, 'jetstream'))} }`,
      `cluster { name: ${clusterName}, listen: 127.0.0.1:${this.ports.route}, routes: [${routes}] }`,
      authorization,
    ].join('\n');
    writeFileSync(join(this.dir, 'nats-server.conf'), config);
  }

  /** Starts the node; resolves once it accepts clients (JetStream may still be electing). */
  async launch(): Promise<void> {
    this.process = ManagedProcess.start(this.serverName, 'nats-server', ['-c', join(this.dir, 'nats-server.conf')]);
    await this.process.waitForOutput('Server is ready');
  }

  /** kill -9: no goodbye to the routes, the store as the crash left it. */
  async kill(): Promise<void> {
    await this.process?.stop('SIGKILL');
  }

  pause(): void {
    this.paused = true;
    this.process?.signal('SIGSTOP');
  }

  resume(): void {
    this.process?.signal('SIGCONT');
    this.paused = false;
  }

  output(): string {
    return this.process?.tail() ?? '';
  }

  /** The meta leader's name as this node sees it, from its monitoring endpoint (null: none yet). */
  async metaLeader(): Promise<string | null> {
    const response = await fetch(`http://127.0.0.1:${this.ports.monitor}/jsz`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
    if (response?.status !== 200) return null;
    const body = (await response.json()) as { meta_cluster?: { leader?: string } };
    return body.meta_cluster?.leader || null;
  }
}
