import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUILTIN_KINDS } from '@jetjobs/contracts';
import { ConfigError, loadConfig, natsEnv } from '@jetjobs/config';
import { metricsPortEnv } from '@jetjobs/metrics';
import type { NatsRole } from '@jetjobs/event-store';

export const REPO_ROOT = resolve(__dirname, '../../../..');
export const readRepoFile = (path: string): string => readFileSync(resolve(REPO_ROOT, path), 'utf8');
export const repoFileExists = (path: string): boolean => existsSync(resolve(REPO_ROOT, path));

/** The worker kinds a deployment runs: those `jetjobs nats-config` makes users for. */
export const WORKER_KINDS = ['echo', ...Object.values(BUILTIN_KINDS)];

type ConfigLoader = (env: NodeJS.ProcessEnv) => Promise<Record<string, unknown>>;

/**
 * A service's own start-up validation, loaded from its source so that a deployment is checked
 * against exactly what the service refuses. Worker apps export no package, hence the path.
 */
const fromSource = (path: string, exportName: string): ConfigLoader => async (env) => {
  const loaded = (await import(resolve(REPO_ROOT, path))) as Record<string, (env: NodeJS.ProcessEnv) => Record<string, unknown>>;
  const load = loaded[exportName];
  if (typeof load !== 'function') throw new Error(`${path} exports no ${exportName}`);
  return load(env);
};

/**
 * A worker app's own validation plus libs/worker-runtime's, which reads JETJOBS_METRICS_PORT at
 * start-up; the problems of both, as one ConfigError, so that neither hides the other.
 */
const withWorkerRuntime = (app: ConfigLoader): ConfigLoader => async (env) => {
  const results = await Promise.allSettled([app(env), Promise.resolve().then(() => loadConfig(metricsPortEnv, env))]);
  const problems = results.flatMap((result) => (result.status === 'rejected' && result.reason instanceof ConfigError ? result.reason.problems : []));
  if (problems.length > 0) throw new ConfigError(problems);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return Object.assign({}, ...results.map((result) => (result as PromiseFulfilledResult<Record<string, unknown>>).value)) as Record<string, unknown>;
};

/** The sources behind each kind of HTTP server, read to check that a probed path is a route. */
const GATEWAY_ROUTES = ['apps/gateway/src/health/health.controller.ts', 'apps/gateway/src/metrics/metrics.controller.ts'];
const METRICS_SERVER_ROUTES = ['libs/metrics/src/metrics-server.ts'];

export interface DeployedService {
  /** The folder under apps/. */
  readonly app: string;
  readonly role: NatsRole;
  /** Which image runs it: the slim one, or the one with the media tools. */
  readonly image: 'service' | 'worker';
  readonly loadConfig: ConfigLoader;
  /**
   * Its HTTP server with /healthz, /readyz and /metrics: the variable its configuration reads the
   * port from (unset, the registry and the workers start none), and the sources of its routes.
   */
  readonly http: { readonly portVariable: string; readonly routeSources: readonly string[] };
}

/** Every long-running service, with its NATS user and configuration loader. */
export const DEPLOYED_SERVICES: readonly DeployedService[] = [
  {
    app: 'gateway',
    role: 'gateway',
    image: 'service',
    loadConfig: fromSource('apps/gateway/src/config/gateway-config.ts', 'loadGatewayConfig'),
    http: { portVariable: 'GATEWAY_PORT', routeSources: GATEWAY_ROUTES },
  },
  {
    app: 'job-registry',
    role: 'registry',
    image: 'service',
    loadConfig: fromSource('apps/job-registry/src/registry-config.ts', 'loadRegistryConfig'),
    http: { portVariable: 'JETJOBS_HTTP_PORT', routeSources: ['apps/job-registry/src/http/registry-http.service.ts', ...METRICS_SERVER_ROUTES] },
  },
  // echo-worker validates inside main.ts: natsEnv plus WORKER_CONCURRENCY, which has a default.
  worker('echo-worker', 'worker-echo', async (env) => loadConfig(natsEnv, env)),
  worker('avf-inference', 'worker-avf', fromSource('apps/avf-inference/src/config/avf-config.ts', 'loadAvfConfig')),
  worker('moderation', 'worker-moderation', fromSource('apps/moderation/src/config/moderation-config.ts', 'loadModerationConfig')),
  worker('clipper', 'worker-clipper', fromSource('apps/clipper/src/clipper-config.ts', 'loadClipperConfig')),
];

function worker(app: string, role: NatsRole, load: ConfigLoader): DeployedService {
  return {
    app,
    role,
    image: 'worker',
    loadConfig: withWorkerRuntime(load),
    http: { portVariable: 'JETJOBS_METRICS_PORT', routeSources: ['libs/worker-runtime/src/worker-observability.ts', ...METRICS_SERVER_ROUTES] },
  };
}

/** Apps with an entry point: every one but the CLI (a tool, not a service) must be deployed. */
export function appsWithEntryPoint(): string[] {
  return readdirSync(resolve(REPO_ROOT, 'apps')).filter((app) => repoFileExists(`apps/${app}/src/main.ts`));
}

/** The kind an app's main.ts starts a worker for, read from its `startWorker({ kind: … })`. */
export function workerKindOf(app: string): string | undefined {
  const main = readRepoFile(`apps/${app}/src/main.ts`);
  if (!main.includes('startWorker(')) return undefined;
  const match = /kind:\s*(?:BUILTIN_KINDS\.(\w+)|'([\w-]+)')/.exec(main);
  return match?.[1] ?? match?.[2];
}

/**
 * The source entry point a built path such as `apps/gateway/dist/main.js` comes from, if the build
 * (tsconfig.build.json, what the Dockerfile runs) makes it.
 */
export function sourceOfEntryPoint(distPath: string): string | undefined {
  const match = /^apps\/([\w-]+)\/dist\/main\.js$/.exec(distPath);
  if (!match) return undefined;
  const built = (JSON.parse(readRepoFile('tsconfig.build.json')) as { references: { path: string }[] }).references.map((ref) => ref.path);
  const source = `apps/${match[1]}/src/main.ts`;
  return built.includes(`./apps/${match[1]}`) && repoFileExists(source) ? source : undefined;
}
