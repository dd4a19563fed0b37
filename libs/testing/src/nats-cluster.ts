import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { freePort } from './free-port';
import { NatsServerProcess } from './nats-server-process';
import { eventually } from './wait-for';

/**
 * A JetStream cluster of `size` nats-server processes on loopback, each with its own store, joined
 * by routes: what a replicated deployment runs on, small enough for a test. Resolves once the
 * cluster has elected a meta leader and answers JetStream requests.
 */
export class NatsCluster {
  private constructor(readonly nodes: readonly NatsServerProcess[]) {}

  static async start(size = 3, name = 'jetjobs'): Promise<NatsCluster> {
    const routePorts = await Promise.all(Array.from({ length: size }, () => freePort()));
    const routes = routePorts.map((port) => `nats-route://127.0.0.1:${port}`).join(', ');
    const nodes: NatsServerProcess[] = [];
    try {
      for (const [index, routePort] of routePorts.entries()) {
        const config = [
          'listen: 127.0.0.1:{{port}}',
          `server_name: ${name}-${index + 1}`,
          'jetstream { store_dir: "{{dir}}/jetstream" }',
          `cluster { name: ${name}, listen: 127.0.0.1:${routePort}, routes: [${routes}] }`,
        ].join('\n');
        nodes.push(await NatsServerProcess.start(config));
      }
      const cluster = new NatsCluster(nodes);
      await cluster.waitForJetStream();
      return cluster;
    } catch (error) {
      await Promise.all(nodes.map((node) => node.stop()));
      throw error;
    }
  }

  /** Every node's client URL, comma-separated, as NATS_URL takes them. */
  get url(): string {
    return this.nodes.map((node) => node.url()).join(',');
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
  }

  private async waitForJetStream(timeoutMs = 30_000): Promise<void> {
    const nc = await connect({ servers: this.url.split(','), maxReconnectAttempts: -1 });
    try {
      // Until a meta leader is elected, JetStream requests go unanswered or are refused (making a
      // manager asks for the account's JetStream info).
      await eventually(() => jetstreamManager(nc).then(() => true, () => undefined), timeoutMs, 250);
    } finally {
      await nc.close();
    }
  }
}
