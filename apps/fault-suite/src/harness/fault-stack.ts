import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { NatsConnection } from '@nats-io/transport-node';
import { signToken, SCOPES } from '@jetjobs/auth';
import { names } from '@jetjobs/contracts';
import { connectNats, EventStore } from '@jetjobs/event-store';
import { connectDatabase } from '@jetjobs/persistence';
import { NatsServer } from './nats-server';
import { PostgresServer } from './postgres-server';
import { freePort } from '@jetjobs/testing';
import { ServiceProcess, type ServiceName } from './service-process';

const NAMESPACE = 'faults';
const DATABASE = 'jetjobs_faults';
const READY_TIMEOUT_MS = 45_000;

/**
 * Settings that make recovery fast enough to watch: a silent worker's item comes back after 2 s,
 * retries wait a fraction of a second, an unacked projector batch returns after 2 s, and webhooks
 * to this machine are allowed and retried quickly.
 */
export const FAST_RECOVERY_ENV = {
  WORKER_CONCURRENCY: '8',
  JETJOBS_WORK_ACK_WAIT_MS: '2000',
  JETJOBS_WORK_MAX_DELIVER: '5',
  JETJOBS_RETRY_MAX_ATTEMPTS: '5',
  JETJOBS_RETRY_BASE_DELAY_MS: '200',
  JETJOBS_RETRY_MAX_DELAY_MS: '1000',
  JETJOBS_PROJECTOR_ACK_WAIT_MS: '2000',
  JETJOBS_REGISTRY_TIMEOUT_MS: '3000',
  JETJOBS_SOURCE_URL_ALLOWLIST: '127.0.0.1',
  JETJOBS_WEBHOOK_URL_ALLOWLIST: '127.0.0.1',
  JETJOBS_WEBHOOK_MAX_ATTEMPTS: '20',
  JETJOBS_WEBHOOK_BACKOFF_BASE_MS: '200',
  JETJOBS_WEBHOOK_BACKOFF_MAX_MS: '2000',
  JETJOBS_WEBHOOK_TIMEOUT_MS: '2000',
};

/**
 * One scenario's whole platform: its own nats-server and PostgreSQL, the registry, gateway and
 * echo worker as separate processes, and the suite's own connections for checking the outcome.
 */
export class FaultStack {
  readonly services: Record<ServiceName, ServiceProcess>;
  private nc: NatsConnection | null = null;
  private store: EventStore | null = null;
  private db: DataSource | null = null;

  private constructor(
    readonly nats: NatsServer,
    readonly postgres: PostgresServer,
    readonly baseUrl: string,
    readonly token: string,
    env: Record<string, string>,
  ) {
    this.services = {
      'job-registry': new ServiceProcess('job-registry', env),
      gateway: new ServiceProcess('gateway', env),
      'echo-worker': new ServiceProcess('echo-worker', env),
    };
  }

  static async start(): Promise<FaultStack> {
    const [nats, postgres, port] = await startServers();
    const secret = randomBytes(32).toString('hex');
    const env = {
      NATS_URL: nats.url,
      JETJOBS_NAMESPACE: NAMESPACE,
      DATABASE_URL: postgres.urlOf(DATABASE),
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      JWT_SECRET: secret,
      ...FAST_RECOVERY_ENV,
    };
    const token = signToken({ secret, projectId: 'faults', scopes: [...SCOPES], ttlSeconds: 3600 });
    const stack = new FaultStack(nats, postgres, `http://127.0.0.1:${port}`, token, env);
    try {
      stack.services['job-registry'].start();
      stack.services.gateway.start();
      await stack.waitUntilReady('gateway');
      stack.services['echo-worker'].start();
      await stack.waitUntilReady('echo-worker');
    } catch (error) {
      await stack.dispose();
      throw error;
    }
    return stack;
  }

  get baseUrls(): readonly string[] {
    return [this.baseUrl];
  }

  /** The suite's own view of the stream (reconnects forever, like the services). */
  async eventStore(): Promise<EventStore> {
    this.nc ??= await connectNats(this.nats.url, 'fault-suite');
    this.store ??= await EventStore.open(this.nc, names(NAMESPACE));
    return this.store;
  }

  /** The registry's database, once the registry has created and migrated it. */
  async database(): Promise<DataSource> {
    this.db ??= await connectDatabase(this.postgres.urlOf(DATABASE), { applicationName: 'fault-suite' });
    return this.db;
  }

  /** Stops a service with `signal` (SIGKILL for a crash, SIGTERM for a graceful stop). */
  async stop(name: ServiceName, signal: NodeJS.Signals): Promise<void> {
    await this.services[name].process.stop(signal);
  }

  /** Starts a successor and waits until it serves. */
  async start(name: ServiceName): Promise<void> {
    this.services[name].start();
    await this.waitUntilReady(name);
  }

  /** Ready means: the gateway answers /readyz (NATS and a registry reply), a worker said so. */
  async waitUntilReady(name: ServiceName): Promise<void> {
    if (name === 'echo-worker') return this.services[name].process.waitForOutput(/echo-worker .* ready/, READY_TIMEOUT_MS);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.services[name].process.exited) break;
      const status = await fetch(`${this.baseUrl}/readyz`, { signal: AbortSignal.timeout(3_000) }).then((r) => r.status, () => 0);
      if (status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${name} did not become ready:\n${this.logs()}`);
  }

  logs(): string {
    return Object.values(this.services).map((service) => service.history()).join('\n');
  }

  async dispose(): Promise<void> {
    for (const service of Object.values(this.services)) {
      try {
        await service.process.stop('SIGKILL');
      } catch {
        // never started
      }
    }
    await this.db?.destroy().catch(() => undefined);
    await this.nc?.close().catch(() => undefined);
    await Promise.all([this.nats.dispose(), this.postgres.dispose()]);
  }
}

/**
 * Both servers start side by side; when one fails, the other is disposed once it has settled, so a
 * failed start leaves no server running and no store behind (Promise.all would forget the other).
 */
async function startServers(): Promise<[NatsServer, PostgresServer, number]> {
  const [nats, postgres, port] = await Promise.allSettled([NatsServer.start(), PostgresServer.start(), freePort()]);
  if (nats.status === 'fulfilled' && postgres.status === 'fulfilled' && port.status === 'fulfilled') {
    return [nats.value, postgres.value, port.value];
  }
  await Promise.all([nats, postgres].map((server) => (server.status === 'fulfilled' ? server.value.dispose() : undefined)));
  const failed = [nats, postgres, port].find((outcome) => outcome.status === 'rejected');
  throw (failed as PromiseRejectedResult).reason;
}
