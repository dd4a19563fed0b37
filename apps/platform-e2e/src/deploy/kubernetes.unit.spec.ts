import { parseEnvFile } from './compose-interpolation';
import { DEPLOYED_SERVICES, readRepoFile, repoFileExists, sourceOfEntryPoint } from './deployed-services';
import { LIVENESS_PATH, listeningPort, METRICS_PATH, READINESS_PATH, servesRoute } from './http-endpoints';
import {
  containerEnv,
  containerPortNumber,
  KUBERNETES_DIR,
  kustomization,
  manifests,
  selects,
  selectorLabels,
  type Container,
  type Manifest,
  type Probe,
} from './kubernetes-manifests';
import { documentedScrapeJobs, metaLabelName, relabel } from './prometheus-relabel';
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

  it.each(DEPLOYED_SERVICES.map((service) => [service.app, service] as const))(
    'probes %s over HTTP, on the port its environment makes it listen on, at routes it serves',
    async (app, service) => {
      const container = containerOf(app);
      const port = await listeningPort(service, containerEnv(container, ALL, secretValue));
      expect({ app, variable: service.http.portVariable, port }).toEqual({ app, variable: service.http.portVariable, port: expect.any(Number) });
      const probes: [string, Probe | undefined, string][] = [
        ['liveness', container.livenessProbe, LIVENESS_PATH],
        ['readiness', container.readinessProbe, READINESS_PATH],
      ];
      for (const [name, probe, path] of probes) {
        expect({ app, name, exec: probe?.exec, path: probe?.httpGet?.path, port: containerPortNumber(container, probe?.httpGet?.port) }).toEqual({
          app,
          name,
          exec: undefined,
          path,
          port,
        });
        expect({ app, path, routed: servesRoute(service, path) }).toEqual({ app, path, routed: true });
      }
      // Readiness answers within 2 s or says 503 (docs/observability.md): a shorter probe timeout
      // (Kubernetes' default is 1 s) would count a slow answer as a failure before it arrives.
      expect(container.readinessProbe?.timeoutSeconds ?? 1).toBeGreaterThan(2);
    },
  );

  it.each(DEPLOYED_SERVICES.map((service) => [service.app, service] as const))('annotates the %s pods for scraping on the port of its /metrics', async (app, service) => {
    const annotations = deploymentOf(app).spec!.template!.metadata.annotations ?? {};
    const port = await listeningPort(service, containerEnv(containerOf(app), ALL, secretValue));
    expect(annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(port), 'prometheus.io/path': METRICS_PATH });
    expect(containerPortNumber(containerOf(app), port)).toBe(port);
    expect(servesRoute(service, METRICS_PATH)).toBe(true);
  });

  it("is scraped by docs/observability.md's pod scrape config at each pod's /metrics, and pods not annotated are not", async () => {
    const job = documentedScrapeJobs(readRepoFile('docs/observability.md')).find((candidate) => candidate.kubernetes_sd_configs?.some((sd) => sd.role === 'pod'));
    expect(job).toBeDefined();
    // What Prometheus discovers for a pod: one target per declared container port.
    const discovered = (deployment: Manifest, annotations: Record<string, string>, ip: string) =>
      (containerOf(deployment.metadata.name).ports ?? []).map((declared) => ({
        __address__: `${ip}:${declared.containerPort}`,
        __metrics_path__: job!.metrics_path ?? '/metrics',
        __meta_kubernetes_pod_ip: ip,
        __meta_kubernetes_namespace: KUSTOMIZATION.namespace,
        ...metaLabels('__meta_kubernetes_pod_label_', deployment.spec!.template!.metadata.labels),
        ...metaLabels('__meta_kubernetes_pod_annotation_', annotations),
      }));
    for (const [index, service] of DEPLOYED_SERVICES.entries()) {
      const deployment = deploymentOf(service.app);
      const annotations = deployment.spec!.template!.metadata.annotations ?? {};
      const ip = `10.1.2.${index + 10}`;
      const port = await listeningPort(service, containerEnv(containerOf(service.app), ALL, secretValue));
      const scraped = discovered(deployment, annotations, ip).map((target) => relabel(target, job!.relabel_configs ?? []));
      expect(scraped.length).toBeGreaterThan(0);
      for (const target of scraped) {
        expect({ app: service.app, target }).toMatchObject({ app: service.app, target: { __address__: `${ip}:${port}`, __metrics_path__: METRICS_PATH, service: service.app } });
      }
      const unannotated = discovered(deployment, { ...annotations, 'prometheus.io/scrape': 'false' }, ip).map((target) => relabel(target, job!.relabel_configs ?? []));
      expect({ app: service.app, unannotated }).toEqual({ app: service.app, unannotated: unannotated.map(() => null) });
    }
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

const metaLabels = (prefix: string, values: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [`${prefix}${metaLabelName(name)}`, value]));
