import { parseEnvFile } from './compose-interpolation';
import { DEPLOYED_SERVICES, readRepoFile, repoFileExists, sourceOfEntryPoint } from './deployed-services';
import { containerEnv, KUBERNETES_DIR, kustomization, manifests, selects, selectorLabels, type Container, type Manifest } from './kubernetes-manifests';
import { serviceEnvProblems } from './service-env';

// No cluster runs the tests: the manifests are read as data and checked against the code.
const ALL = manifests();
const KUSTOMIZATION = kustomization();
const SECRET = 'jetjobs-secrets';
const SECRET_EXAMPLE = parseEnvFile(readRepoFile(`${KUBERNETES_DIR}/secrets.env.example`));
const DEPLOYMENTS = ALL.filter((manifest) => manifest.kind === 'Deployment');

const deploymentOf = (app: string): Manifest => {
  const deployment = DEPLOYMENTS.find((manifest) => manifest.metadata.name === app);
  if (!deployment) throw new Error(`no Deployment ${app}`);
  return deployment;
};
const containerOf = (app: string): Container => deploymentOf(app).spec!.template!.spec.containers[0]!;
/** A secret as an operator fills it in from secrets.env.example. */
const secretValue = (name: string, key: string): string => {
  if (name !== SECRET || !(key in SECRET_EXAMPLE)) throw new Error(`secret ${name} has no key ${key} in secrets.env.example`);
  return SECRET_EXAMPLE[key] || `${key.toLowerCase()}-0123456789abcdef0123456789abcdef`;
};

describe('deploy/kubernetes', () => {
  it('applies files that exist, in the namespace it creates', () => {
    for (const file of KUSTOMIZATION.resources) expect(repoFileExists(`${KUBERNETES_DIR}/${file}`)).toBe(true);
    expect(ALL.filter((manifest) => manifest.kind === 'Namespace').map((manifest) => manifest.metadata.name)).toEqual([KUSTOMIZATION.namespace]);
  });

  it.each(DEPLOYED_SERVICES.map((service) => [service.app, service] as const))('runs %s from its own entry point on the image made for it', (app, service) => {
    const container = containerOf(app);
    expect(deploymentOf(app).spec!.template!.spec.containers).toHaveLength(1);
    expect(sourceOfEntryPoint(container.args?.[0] ?? '')).toBe(`apps/${app}/src/main.ts`);
    expect(container.image).toBe(`jetjobs-${service.image}`);
    expect(KUSTOMIZATION.images.map((image) => image.name)).toContain(container.image);
    expect(selects(selectorLabels(deploymentOf(app)), deploymentOf(app).spec!.template!.metadata.labels)).toBe(true);
  });

  it('deploys no app that has no service behind it', () => {
    expect(DEPLOYMENTS.map((manifest) => manifest.metadata.name).sort()).toEqual(DEPLOYED_SERVICES.map((service) => service.app).sort());
  });

  it('runs at least two replicas of gateway and job-registry', () => {
    expect(deploymentOf('gateway').spec!.replicas).toBeGreaterThanOrEqual(2);
    expect(deploymentOf('job-registry').spec!.replicas).toBeGreaterThanOrEqual(2);
  });

  it.each(DEPLOYED_SERVICES.map((service) => [service.app, service] as const))('gives %s an environment it starts with, as its own NATS user', async (app, service) => {
    expect(await serviceEnvProblems(service, containerEnv(containerOf(app), ALL, secretValue))).toEqual([]);
  });

  it('points every service at the NATS Helm release in the namespace', () => {
    for (const { app } of DEPLOYED_SERVICES) {
      expect(containerEnv(containerOf(app), ALL, secretValue)['NATS_URL']).toBe(`nats://nats.${KUSTOMIZATION.namespace}.svc:4222`);
    }
  });

  it('probes the gateway over HTTP at the routes it serves', () => {
    const container = containerOf('gateway');
    expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(container.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(container.ports?.map((port) => port.name)).toContain(container.readinessProbe?.httpGet?.port);
    const controller = readRepoFile('apps/gateway/src/health/health.controller.ts');
    expect(controller).toContain("@Get('healthz')");
    expect(controller).toContain("@Get('readyz')");
  });

  it('probes every other service for liveness and readiness with a script that exists', () => {
    for (const { app } of DEPLOYED_SERVICES.filter((service) => service.app !== 'gateway')) {
      const { livenessProbe, readinessProbe } = containerOf(app);
      for (const probe of [livenessProbe, readinessProbe]) {
        const script = probe?.exec?.command.find((part) => part.startsWith('deploy/'));
        expect({ app, script, exists: repoFileExists(script ?? '') }).toEqual({ app, script: 'deploy/healthcheck/probe.mjs', exists: true });
      }
      expect(livenessProbe!.exec!.command.slice(2)).toEqual(['live']);
      expect(readinessProbe!.exec!.command.slice(2, 4)).toEqual(['ready', '4222']);
    }
    expect(containerOf('job-registry').readinessProbe!.exec!.command).toContain('5432');
  });

  it('gives every Deployment a PodDisruptionBudget that selects its pods only and lets one go', () => {
    const budgets = ALL.filter((manifest) => manifest.kind === 'PodDisruptionBudget');
    for (const deployment of DEPLOYMENTS) {
      const labels = deployment.spec!.template!.metadata.labels;
      const own = budgets.filter((budget) => selects(selectorLabels(budget), labels));
      expect({ app: deployment.metadata.name, budgets: own.length }).toEqual({ app: deployment.metadata.name, budgets: 1 });
      const others = DEPLOYMENTS.filter((other) => other !== deployment && selects(selectorLabels(own[0]!), other.spec!.template!.metadata.labels));
      expect(others).toEqual([]);
      // maxUnavailable, not minAvailable: a budget of one replica's minimum would block every drain.
      expect(own[0]!.spec!.maxUnavailable).toBe(1);
    }
  });

  it('runs every container as non-root with requests and limits', () => {
    for (const deployment of DEPLOYMENTS) {
      const pod = deployment.spec!.template!.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      for (const container of pod.containers) {
        expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
        expect(container.resources).toMatchObject({
          requests: { cpu: expect.any(String), memory: expect.any(String) },
          limits: { cpu: expect.any(String), memory: expect.any(String) },
        });
      }
    }
  });

  it('serves the gateway pods through a Service on their HTTP port', () => {
    const service = ALL.find((manifest) => manifest.kind === 'Service' && manifest.metadata.name === 'gateway')!;
    expect(selects(selectorLabels(service), deploymentOf('gateway').spec!.template!.metadata.labels)).toBe(true);
    expect(service.spec!.ports!.map((port) => port.targetPort)).toEqual(['http']);
  });

  it('keeps the filled-in secrets out of the repository, and no secret in the example', () => {
    expect(readRepoFile(`${KUBERNETES_DIR}/.gitignore`).split('\n')).toContain('secrets.env');
    for (const [key, value] of Object.entries(SECRET_EXAMPLE).filter(([key]) => key !== 'DATABASE_URL')) expect({ key, value }).toEqual({ key, value: '' });
    expect(SECRET_EXAMPLE['DATABASE_URL']).toContain('<password>');
  });
});
