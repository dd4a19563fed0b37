import { parse, parseAllDocuments } from 'yaml';
import { readRepoFile } from './deployed-services';

export const KUBERNETES_DIR = 'deploy/kubernetes';

type Labels = Record<string, string>;
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
export interface Probe {
  httpGet?: { path: string; port: string | number };
  exec?: { command: string[] };
  timeoutSeconds?: number;
}
export interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { name: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string } }[];
  env?: EnvVar[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: { cpu?: string; memory?: string } };
  securityContext?: { allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
}
export interface Manifest {
  kind: string;
  metadata: { name: string; labels?: Labels };
  data?: Record<string, string>;
  spec?: {
    replicas?: number;
    selector?: Labels | { matchLabels: Labels };
    maxUnavailable?: number | string;
    minAvailable?: number | string;
    ports?: { name: string; port: number; targetPort: string | number }[];
    template?: {
      metadata: { labels: Labels; annotations?: Record<string, string> };
      spec: { securityContext?: { runAsNonRoot?: boolean; runAsUser?: number }; containers: Container[] };
    };
  };
}
export interface Kustomization {
  namespace: string;
  resources: string[];
  images: { name: string }[];
}

export const kustomization = (): Kustomization => parse(readRepoFile(`${KUBERNETES_DIR}/kustomization.yaml`)) as Kustomization;

/** Every object of every resource file the kustomization applies. */
export function manifests(): Manifest[] {
  return kustomization().resources.flatMap((file) =>
    parseAllDocuments(readRepoFile(`${KUBERNETES_DIR}/${file}`)).map((document) => {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.join('; ')}`);
      return document.toJSON() as Manifest;
    }),
  );
}

/** The labels a selector requires, whether written as matchLabels or (Services) bare. */
export function selectorLabels(manifest: Manifest): Labels {
  const selector = manifest.spec?.selector ?? {};
  return 'matchLabels' in selector ? (selector.matchLabels as Labels) : (selector as Labels);
}

export const selects = (selector: Labels, labels: Labels): boolean =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

/** The number of a container port a probe names by number or by name; undefined if none is declared. */
export function containerPortNumber(container: Container, port: string | number | undefined): number | undefined {
  return container.ports?.find((declared) => declared.name === port || declared.containerPort === port)?.containerPort;
}

/** The environment a container starts with: its ConfigMaps, then its own variables and secrets. */
export function containerEnv(container: Container, all: readonly Manifest[], secret: (name: string, key: string) => string): NodeJS.ProcessEnv {
  const fromMaps = (container.envFrom ?? []).map(({ configMapRef }) => {
    const map = all.find((manifest) => manifest.kind === 'ConfigMap' && manifest.metadata.name === configMapRef?.name);
    if (!map) throw new Error(`${container.name}: no ConfigMap ${configMapRef?.name}`);
    return map.data ?? {};
  });
  const own = (container.env ?? []).map(({ name, value, valueFrom }) => {
    const ref = valueFrom?.secretKeyRef;
    return [name, ref ? secret(ref.name, ref.key) : value];
  });
  return Object.assign({}, ...fromMaps, Object.fromEntries(own)) as NodeJS.ProcessEnv;
}
