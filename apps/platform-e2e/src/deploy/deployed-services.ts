import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUILTIN_KINDS } from '@jetjobs/contracts';
import { loadConfig, natsEnv } from '@jetjobs/config';
import type { NatsRole } from '@jetjobs/event-store';

export const REPO_ROOT = resolve(__dirname, '../../../..');
export const readRepoFile = (path: string): string => readFileSync(resolve(REPO_ROOT, path), 'utf8');
export const repoFileExists = (path: string): boolean => existsSync(resolve(REPO_ROOT, path));

/** The worker kinds a deployment runs: those `jetjobs nats-config` makes users for. */
export const WORKER_KINDS = ['echo', ...Object.values(BUILTIN_KINDS)];

type ConfigLoader = (env: NodeJS.ProcessEnv) => Promise<unknown>;

/**
 * A service's own start-up validation, loaded from its source so that a deployment is checked
 * against exactly what the service refuses. Worker apps export no package, hence the path.
 */
const fromSource = (path: string, exportName: string): ConfigLoader => async (env) => {
  const loaded = (await import(resolve(REPO_ROOT, path))) as Record<string, (env: NodeJS.ProcessEnv) => unknown>;
  const load = loaded[exportName];
  if (typeof load !== 'function') throw new Error(`${path} exports no ${exportName}`);
  return load(env);
};

export interface DeployedService {
  /** The folder under apps/. */
  readonly app: string;
  readonly role: NatsRole;
  /** Which image runs it: the slim one, or the one with the media tools. */
  readonly image: 'service' | 'worker';
  readonly loadConfig: ConfigLoader;
}

/** Every long-running service, with its NATS user and configuration loader. */
export const DEPLOYED_SERVICES: readonly DeployedService[] = [
  { app: 'gateway', role: 'gateway', image: 'service', loadConfig: fromSource('apps/gateway/src/config/gateway-config.ts', 'loadGatewayConfig') },
  { app: 'job-registry', role: 'registry', image: 'service', loadConfig: fromSource('apps/job-registry/src/registry-config.ts', 'loadRegistryConfig') },
  // echo-worker validates inside main.ts: natsEnv plus WORKER_CONCURRENCY, which has a default.
  { app: 'echo-worker', role: 'worker-echo', image: 'worker', loadConfig: async (env) => loadConfig(natsEnv, env) },
  { app: 'avf-inference', role: 'worker-avf', image: 'worker', loadConfig: fromSource('apps/avf-inference/src/config/avf-config.ts', 'loadAvfConfig') },
  { app: 'moderation', role: 'worker-moderation', image: 'worker', loadConfig: fromSource('apps/moderation/src/config/moderation-config.ts', 'loadModerationConfig') },
  { app: 'clipper', role: 'worker-clipper', image: 'worker', loadConfig: fromSource('apps/clipper/src/clipper-config.ts', 'loadClipperConfig') },
];

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
