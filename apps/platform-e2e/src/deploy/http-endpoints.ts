import { readRepoFile, type DeployedService } from './deployed-services';

/** The liveness and readiness routes, as docs/observability.md defines them for every service. */
export const LIVENESS_PATH = '/healthz';
export const READINESS_PATH = '/readyz';
export const METRICS_PATH = '/metrics';

/**
 * The port a service's HTTP server listens on with `env`, as its own configuration reads it;
 * undefined when it starts none (the registry and the workers without their variable).
 */
export async function listeningPort(service: DeployedService, env: NodeJS.ProcessEnv): Promise<number | undefined> {
  const port = (await service.loadConfig(env))[service.http.portVariable];
  return typeof port === 'number' ? port : undefined;
}

/**
 * Whether the service's sources route `path`: a Nest handler (`@Get('healthz')`; the gateway sets
 * no global prefix) or a path the shared metrics server compares (`path === '/healthz'`).
 */
export function servesRoute(service: DeployedService, path: string): boolean {
  const name = path.replace(/^\//, '');
  return service.http.routeSources.some((source) => {
    const text = readRepoFile(source);
    return text.includes(`@Get('${name}')`) || text.includes(`path === '${path}'`);
  });
}

/** The command a compose health check runs to GET `url`: the images have Node but no curl or wget. */
export const fetchCheck = (url: string): string[] => ['CMD', 'node', '-e', `fetch('${url}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`];
