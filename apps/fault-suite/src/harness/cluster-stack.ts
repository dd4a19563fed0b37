import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { NatsConnection } from '@nats-io/transport-node';
import { signToken, SCOPES } from '@jetjobs/auth';
import { names as namesOf } from '@jetjobs/contracts';
import { connectNats, EventStore, type NatsRole } from '@jetjobs/event-store';
import { connectDatabase } from '@jetjobs/persistence';
import { freePort } from '@jetjobs/testing';
import { ClusterNats } from './cluster-nats';
import { ClusterUsers } from './cluster-users';
import type { PlatformStack } from './fault-scenario';
import { FAST_RECOVERY_ENV } from './fault-stack';
import { PostgresServer } from './postgres-server';
import { ServiceProcess, type ServiceName } from './service-process';
import { workerRefusals } from './worker-refusals';

const NAMESPACE = 'faults';
const DATABASE = 'jetjobs_cluster';
const READY_TIMEOUT_MS = 90_000;
const ROLE_OF: Record<ServiceName, NatsRole> = { 'job-registry': 'registry', gateway: 'gateway', 'echo-worker': 'worker-echo' };

/** A replica: `gateway-2` is the second gateway process. */
export type ReplicaLabel = `${ServiceName}-${1 | 2}`;

/**
 * The platform as a replicated deployment runs it: a three-node JetStream cluster (streams with
 * three replicas, one least-privilege user per service), PostgreSQL, and two processes of every
 * service. Scenarios kill, freeze and restart nodes and replicas; any service that exits on its
 * own, and any refusal a worker's user did not get, is a problem the run reports.
 */
export class ClusterStack implements PlatformStack {
  readonly timings = new Map<string, number>();
  readonly replicas = new Map<ReplicaLabel, ServiceProcess>();
  private readonly problemsSeen: string[] = [];
  private nc: NatsConnection | null = null;
  private store: EventStore | null = null;
  private db: DataSource | null = null;

  private constructor(
    readonly nats: ClusterNats,
    readonly postgres: PostgresServer,
    private readonly users: ClusterUsers,
    private readonly gatewayPorts: readonly number[],
    readonly token: string,
    env: Record<string, string>,
  ) {
    for (const name of ['job-registry', 'gateway', 'echo-worker'] as const) {
      for (const replica of [1, 2] as const) {
        const gateway: Record<string, string> = name === 'gateway' ? { GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: String(gatewayPorts[replica - 1]) } : {};
        this.replicas.set(`${name}-${replica}`, new ServiceProcess(name, { ...env, ...users.env(ROLE_OF[name]), ...gateway }, `${name}-${replica}`));
      }
    }
  }

  static async start(): Promise<ClusterStack> {
    const users = new ClusterUsers(namesOf(NAMESPACE), ['echo']);
    const [nats, postgres] = await startServers(users);
    const secret = randomBytes(32).toString('hex');
    const env = {
      NATS_URL: nats.url,
      JETJOBS_NAMESPACE: NAMESPACE,
      JETJOBS_STREAM_REPLICAS: '3',
      DATABASE_URL: postgres.urlOf(DATABASE),
      JWT_SECRET: secret,
      ...FAST_RECOVERY_ENV,
    };
    const token = signToken({ secret, projectId: 'faults', scopes: [...SCOPES], ttlSeconds: 3600 });
    const stack = new ClusterStack(nats, postgres, users, [await freePort(), await freePort()], token, env);
    try {
      // The first registry creates the streams (three replicas) and the database; the rest follow.
      await stack.start('job-registry-1');
      await Promise.all((['job-registry-2', 'gateway-1', 'gateway-2', 'echo-worker-1', 'echo-worker-2'] as const).map((label) => stack.start(label)));
      stack.problemsSeen.push(...(await workerRefusals(nats.url, namesOf(NAMESPACE), users, 'echo')));
    } catch (error) {
      await stack.dispose();
      throw error;
    }
    return stack;
  }

  get baseUrls(): readonly string[] {
    return this.gatewayPorts.map((port) => `http://127.0.0.1:${port}`);
  }

  replica(label: ReplicaLabel): ServiceProcess {
    return this.replicas.get(label) as ServiceProcess;
  }

  /** The suite's own view of the stream, as the operator user. */
  async eventStore(): Promise<EventStore> {
    this.nc ??= await connectNats(this.nats.url, 'cluster-suite', this.users.security('operator'));
    this.store ??= await EventStore.open(this.nc, namesOf(NAMESPACE));
    return this.store;
  }

  async database(): Promise<DataSource> {
    this.db ??= await connectDatabase(this.postgres.urlOf(DATABASE), { applicationName: 'cluster-suite' });
    return this.db;
  }

  /** The node leading the job stream (its Raft group's leader), as the cluster reports it now. */
  async jobsLeader(): Promise<string> {
    const store = await this.eventStore();
    const { cluster } = await store.jsm.streams.info(store.names.jobsStream);
    if (!cluster?.leader) throw new Error('the job stream has no leader');
    return cluster.leader;
  }

  async stop(label: ReplicaLabel, signal: NodeJS.Signals): Promise<void> {
    await this.replica(label).process.stop(signal);
  }

  /** Starts a replica (again) and waits until it serves. */
  async start(label: ReplicaLabel): Promise<void> {
    const replica = this.replica(label);
    const process = replica.start();
    if (replica.name === 'echo-worker') return process.waitForOutput(/echo-worker .* ready/, READY_TIMEOUT_MS);
    if (replica.name === 'job-registry') return process.waitForOutput(/successfully started/, READY_TIMEOUT_MS);
    const port = this.gatewayPorts[label === 'gateway-1' ? 0 : 1];
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline && !process.exited) {
      const status = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(3_000) }).then((r) => r.status, () => 0);
      if (status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${label} did not become ready:\n${replica.history()}`);
  }

  problems(): string[] {
    const exited = [...this.replicas.values()].filter((replica) => replica.exitedOnItsOwn);
    return [...this.problemsSeen, ...exited.map((replica) => `${replica.label} exited on its own:\n${replica.process.tail().slice(-2_000)}`)];
  }

  logs(): string {
    return [...[...this.replicas.values()].map((replica) => replica.history()), this.nats.output()].join('\n');
  }

  async dispose(): Promise<void> {
    for (const replica of this.replicas.values()) {
      try {
        await replica.process.stop('SIGKILL');
      } catch {
        // never started
      }
    }
    await this.db?.destroy().catch(() => undefined);
    await this.nc?.close().catch(() => undefined);
    await Promise.all([this.nats.dispose(), this.postgres.dispose()]);
  }
}

/** Both servers side by side; when one fails, the other is disposed (nothing left running). */
async function startServers(users: ClusterUsers): Promise<[ClusterNats, PostgresServer]> {
  const [nats, postgres] = await Promise.allSettled([ClusterNats.start(users.authorization()), PostgresServer.start()]);
  if (nats.status === 'fulfilled' && postgres.status === 'fulfilled') return [nats.value, postgres.value];
  await Promise.all([nats, postgres].map((server) => (server.status === 'fulfilled' ? server.value.dispose() : undefined)));
  throw ([nats, postgres].find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult).reason;
}
