import { rmSync } from 'node:fs';
import { freePort } from '@jetjobs/testing';
import { ClusterNode } from './cluster-node';
import { scratchDir } from './data-dir';
import { trackLeftover } from './leftovers';

const CLUSTER = 'jetjobs-cluster';
const ELECTION_TIMEOUT_MS = 60_000;

/**
 * A real three-node JetStream cluster on loopback: three nats-server processes joined by
 * routes, each with its own store, all enforcing the same users. The suite kills, restarts and
 * freezes its nodes; `url` lists every node, as a deployment's NATS_URL does.
 */
export class ClusterNats {
  private readonly untrack = trackLeftover(() => this.dispose());

  private constructor(
    readonly nodes: readonly ClusterNode[],
    private readonly dirs: readonly string[],
  ) {}

  /** Whatever fails on the way, no node is left running and no store behind. */
  static async start(authorization: string, size = 3): Promise<ClusterNats> {
    const ports = await Promise.all(
      Array.from({ length: size }, async () => ({ client: await freePort(), route: await freePort(), monitor: await freePort() })),
    );
    const dirs = ports.map(() => scratchDir('jetjobs-cluster-nats-'));
    const cluster = new ClusterNats(ports.map((p, i) => new ClusterNode(`node-${i + 1}`, p, dirs[i] as string)), dirs);
    try {
      for (const node of cluster.nodes) node.configure(CLUSTER, ports.map((p) => p.route), authorization);
      await Promise.all(cluster.nodes.map((node) => node.launch()));
      await cluster.waitForMetaLeader();
    } catch (error) {
      await cluster.dispose();
      throw error;
    }
    return cluster;
  }

  get url(): string {
    return this.nodes.map((node) => node.url).join(',');
  }

  node(serverName: string): ClusterNode {
    const found = this.nodes.find((node) => node.serverName === serverName);
    if (!found) throw new Error(`no cluster node is named ${serverName}`);
    return found;
  }

  /** The meta leader every running node agrees on; waits for an election to finish. */
  async waitForMetaLeader(timeoutMs = ELECTION_TIMEOUT_MS): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const running = this.nodes.filter((node) => node.running);
      const seen = await Promise.all(running.map((node) => node.metaLeader()));
      const leader = seen[0];
      if (leader && seen.every((name) => name === leader) && running.some((node) => node.serverName === leader)) return leader;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the cluster elected no meta leader within ${timeoutMs} ms:\n${this.output()}`);
  }

  output(): string {
    return this.nodes.map((node) => `--- ${node.serverName}\n${node.output()}`).join('\n');
  }

  async dispose(): Promise<void> {
    this.untrack();
    await Promise.all(this.nodes.map((node) => node.kill()));
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  }
}
