import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { dirname, posix } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { names } from '@jetjobs/contracts';
import { deploymentRoles, natsSecurity, natsServerAuthorization, passwordVariable } from '@jetjobs/event-store';
import { interpolateAll, parseEnvFile, requiredVariables } from './compose-interpolation';
import { appsWithEntryPoint, DEPLOYED_SERVICES, readRepoFile, repoFileExists, sourceOfEntryPoint, WORKER_KINDS, workerKindOf } from './deployed-services';
import { fetchCheck, listeningPort, READINESS_PATH, servesRoute } from './http-endpoints';
import { serviceEnvProblems } from './service-env';

// No Docker engine runs the tests: the compose file is read as data and checked against the code.
interface ComposeService {
  image?: string;
  build?: { context: string; target: string };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  deploy?: { replicas?: number };
  profiles?: string[];
  expose?: string[];
  ports?: string[];
}

const RAW = readRepoFile('docker-compose.yml');
const COMPOSE = parse(RAW, { merge: true }) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };
const SERVICES = COMPOSE.services;
const EXAMPLE = parseEnvFile(readRepoFile('.env.example'));
// .env.example with its required secrets filled in, as an operator would; optional values stay.
const VARIABLES: Record<string, string> = {
  ...EXAMPLE,
  ...Object.fromEntries(requiredVariables(RAW).map((name) => [name, `${name.toLowerCase()}-0123456789abcdef0123456789abcdef`])),
};
const NATS_NODES = Object.keys(SERVICES).filter((name) => SERVICES[name]!.image?.startsWith('nats:'));

const serviceOf = (name: string): ComposeService => {
  const service = SERVICES[name];
  if (!service) throw new Error(`docker-compose.yml has no service ${name}`);
  return service;
};
const envOf = (name: string): NodeJS.ProcessEnv => interpolateAll(serviceOf(name).environment ?? {}, VARIABLES);
/** The script a service runs: the command after `node`, or after an entry point of `node <script>`. */
const entryPointOf = (service: ComposeService): string | undefined => service.entrypoint?.[1] ?? service.command?.[0];

describe('docker-compose.yml', () => {
  it('runs every app with an entry point, the CLI as a tool, and a worker for every kind', () => {
    expect([...DEPLOYED_SERVICES.map((service) => service.app), 'cli'].sort()).toEqual(appsWithEntryPoint().sort());
    const kinds = DEPLOYED_SERVICES.map((service) => workerKindOf(service.app)).filter((kind) => kind !== undefined);
    expect(kinds.sort()).toEqual([...WORKER_KINDS].sort());
    for (const { app, role } of DEPLOYED_SERVICES) {
      expect(role.startsWith('worker-') ? `worker-${workerKindOf(app)}` : role).toBe(role);
    }
    for (const app of [...DEPLOYED_SERVICES.map((service) => service.app), 'cli']) {
      expect(sourceOfEntryPoint(entryPointOf(serviceOf(app)) ?? '')).toBe(`apps/${app}/src/main.ts`);
    }
    expect(serviceOf('cli').profiles).toEqual(['tools']);
  });

  it('runs gateway and job-registry with two replicas each', () => {
    expect(serviceOf('gateway').deploy?.replicas).toBe(2);
    expect(serviceOf('job-registry').deploy?.replicas).toBe(2);
  });

  it('runs three NATS nodes with JetStream on named volumes, routes to each other and a JetStream health check', () => {
    expect(NATS_NODES).toHaveLength(3);
    const serverNames = NATS_NODES.map((node) => envOf(node)['NATS_SERVER_NAME']);
    expect(new Set(serverNames).size).toBe(3);
    for (const node of NATS_NODES) {
      const service = serviceOf(node);
      const configPath = repoPathOfMount(service, service.command![service.command!.indexOf('--config') + 1]!);
      const config = readRepoFile(configPath);
      expect(config).toMatch(/^include users\.conf$/m);
      expect(repoFileExists(`${dirname(configPath)}/users.conf`)).toBe(true);
      expect(config).toMatch(/^server_name: \$NATS_SERVER_NAME$/m);
      for (const peer of NATS_NODES) expect(config).toContain(`nats-route://${peer}:6222`);
      const storeDir = /store_dir: (\S+)/.exec(config)![1]!;
      const dataVolume = service.volumes!.find((volume) => storeDir.startsWith(`${volume.split(':')[1]}/`));
      expect(Object.keys(COMPOSE.volumes)).toContain(dataVolume?.split(':')[0]);
      expect(config).toMatch(/^http: 0\.0\.0\.0:8222$/m);
      expect(service.healthcheck!.test.join(' ')).toContain('http://127.0.0.1:8222/healthz?js-enabled-only=true');
    }
  });

  it('gives nats-server every user password, for the users file of the namespace the services use', () => {
    const roles = deploymentRoles(WORKER_KINDS);
    for (const node of NATS_NODES) {
      for (const role of roles) expect(envOf(node)[passwordVariable(role)]).toBe(VARIABLES[passwordVariable(role)]);
    }
    const namespace = envOf('gateway')['JETJOBS_NAMESPACE']!;
    const users = natsServerAuthorization(names(namespace), roles, (role) => `$${passwordVariable(role)}`);
    expect(readRepoFile('deploy/nats/users.conf')).toBe(users);
  });

  it('keeps state on named volumes and mounts only files of the repository, read-only', () => {
    for (const [name, service] of Object.entries(SERVICES)) {
      for (const volume of service.volumes ?? []) {
        const [source, , mode] = volume.split(':');
        if (source!.startsWith('.')) {
          expect({ name, volume, exists: repoFileExists(source!), mode }).toEqual({ name, volume, exists: true, mode: 'ro' });
        } else {
          expect({ name, volume, declared: source! in COMPOSE.volumes }).toEqual({ name, volume, declared: true });
        }
      }
    }
    expect(serviceOf('postgres').volumes).toContain('postgres-data:/var/lib/postgresql/data');
  });

  it('checks the health of every service it starts', () => {
    for (const [name, service] of Object.entries(SERVICES).filter(([, service]) => !service.profiles)) {
      expect({ name, checked: (service.healthcheck?.test.length ?? 0) > 1 }).toEqual({ name, checked: true });
    }
  });

  it.each(DEPLOYED_SERVICES.map((service) => [service.app, service] as const))(
    'checks %s by its readiness route, on the port its environment makes it listen on',
    async (app, service) => {
      const port = await listeningPort(service, envOf(app));
      expect({ app, variable: service.http.portVariable, port }).toEqual({ app, variable: service.http.portVariable, port: expect.any(Number) });
      expect(serviceOf(app).healthcheck?.test).toEqual(fetchCheck(`http://127.0.0.1:${port}${READINESS_PATH}`));
      expect(servesRoute(service, READINESS_PATH)).toBe(true);
      // Reachable by other containers (Prometheus): exposed, or published from that container port.
      const containerPorts = [...(serviceOf(app).expose ?? []), ...(serviceOf(app).ports ?? []).map((mapping) => mapping.split(':').at(-1))];
      expect(containerPorts).toContain(String(port));
    },
  );

  it('runs a health check that passes on 200 only, and fails on 503 and when nothing listens', async () => {
    let status = 200;
    const server = createServer((request, response) => {
      response.writeHead(request.url === READINESS_PATH ? status : 404).end();
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${READINESS_PATH}`;
    const exitCode = async (): Promise<number> => {
      const [, node, flag, script] = fetchCheck(url);
      return promisify(execFile)(node!, [flag!, script!]).then(() => 0, (error: { code?: number }) => error.code ?? -1);
    };
    try {
      expect(await exitCode()).toBe(0);
      status = 503;
      expect(await exitCode()).toBe(1);
    } finally {
      server.close();
    }
    expect(await exitCode()).toBe(1);
  });

  it('starts every service once all NATS nodes (and PostgreSQL for the registry) are healthy', () => {
    for (const { app } of DEPLOYED_SERVICES) {
      for (const node of NATS_NODES) expect(serviceOf(app).depends_on?.[node]).toEqual({ condition: 'service_healthy' });
    }
    expect(serviceOf('job-registry').depends_on?.['postgres']).toEqual({ condition: 'service_healthy' });
  });

  it.each(DEPLOYED_SERVICES.map((service) => [service.app, service] as const))('gives %s an environment it starts with, as its own NATS user', async (app, service) => {
    expect(await serviceEnvProblems(service, envOf(app))).toEqual([]);
    expect(envOf(app)['NATS_URL']!.split(',').sort()).toEqual(NATS_NODES.map((node) => `nats://${node}:4222`).sort());
    expect(serviceOf(app).environment!['NATS_PASSWORD']).toContain(`\${${passwordVariable(service.role)}:?`);
  });

  it('runs the CLI as the operator user', () => {
    const env = envOf('cli');
    expect(env['NATS_USER']).toBe('operator');
    expect(natsSecurity(env).inboxPrefix).toBe('_INBOX_operator');
    expect(env['NATS_PASSWORD']).toBe(VARIABLES[passwordVariable('operator')]);
  });

  it('lists every required variable in .env.example, which holds no secret', () => {
    const required = [...new Set(requiredVariables(RAW))];
    expect(required.length).toBeGreaterThan(0);
    for (const name of required) expect({ name, example: EXAMPLE[name] }).toEqual({ name, example: '' });
  });

  it('builds workers on the image with the media tools, and the others on the slim one', () => {
    for (const { app, image } of DEPLOYED_SERVICES) {
      expect(serviceOf(app).build).toEqual({ context: '.', target: image });
      expect(serviceOf(app).image).toBe(`jetjobs-${image}:latest`);
    }
    expect(serviceOf('cli').build?.target).toBe('service');
  });
});

/** The repository file a service sees at `containerPath` through one of its bind mounts. */
function repoPathOfMount(service: ComposeService, containerPath: string): string {
  for (const volume of service.volumes ?? []) {
    const [source, target] = volume.split(':') as [string, string];
    if (source.startsWith('.') && containerPath.startsWith(`${target}/`)) return posix.join(source, posix.relative(target, containerPath));
  }
  throw new Error(`no bind mount holds ${containerPath}`);
}
