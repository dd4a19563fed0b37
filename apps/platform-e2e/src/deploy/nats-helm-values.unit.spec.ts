import { posix } from 'node:path';
import { parse } from 'yaml';
import { deploymentRoles, passwordVariable } from '@jetjobs/event-store';
import { parseEnvFile } from './compose-interpolation';
import { readRepoFile, WORKER_KINDS } from './deployed-services';
import { KUBERNETES_DIR } from './kubernetes-manifests';

interface JsonPatch {
  op: string;
  path: string;
  value: { name: string; mountPath?: string; configMap?: { name: string } };
}
interface NatsValues {
  config: {
    cluster: { enabled: boolean; replicas: number };
    jetstream: { enabled: boolean; fileStore: { enabled: boolean; pvc: { enabled: boolean; size: string } } };
    monitor: { enabled: boolean; port: number };
    merge: { $include: string };
  };
  container: { env: Record<string, { valueFrom: { secretKeyRef: { name: string; key: string } } }>; patch: JsonPatch[] };
  podTemplate: { patch: JsonPatch[] };
}

// The chart mounts its generated nats.conf here; an include is relative to it.
const CHART_CONFIG_DIR = '/etc/nats-config';
const VALUES = parse(readRepoFile(`${KUBERNETES_DIR}/nats-values.yaml`)) as NatsValues;
const GUIDE = readRepoFile('deploy/README.md');

describe('deploy/kubernetes/nats-values.yaml', () => {
  it('makes a 3-node cluster with JetStream on persistent volumes and the monitoring port', () => {
    expect(VALUES.config.cluster).toEqual({ enabled: true, replicas: 3 });
    expect(VALUES.config.jetstream).toMatchObject({ enabled: true, fileStore: { enabled: true, pvc: { enabled: true } } });
    expect(VALUES.config.monitor).toEqual({ enabled: true, port: 8222 });
  });

  it('includes deploy/nats/users.conf from the ConfigMap the guide creates from it', () => {
    const included = posix.resolve(CHART_CONFIG_DIR, VALUES.config.merge.$include);
    const mount = VALUES.container.patch.find((patch) => patch.path === '/volumeMounts/-' && included === `${patch.value.mountPath}/users.conf`);
    expect(mount).toBeDefined();
    const volume = VALUES.podTemplate.patch.find((patch) => patch.path === '/spec/volumes/-' && patch.value.name === mount!.value.name);
    const configMap = volume?.value.configMap?.name;
    expect(configMap).toBeDefined();
    expect(GUIDE).toContain(`create configmap ${configMap} --from-file=users.conf=deploy/nats/users.conf`);
  });

  it('gives nats-server the password of every user from the secret the services read', () => {
    const secretKeys = Object.keys(parseEnvFile(readRepoFile(`${KUBERNETES_DIR}/secrets.env.example`)));
    for (const role of deploymentRoles(WORKER_KINDS)) {
      const ref = VALUES.container.env[passwordVariable(role)]?.valueFrom.secretKeyRef;
      expect({ role, ref }).toEqual({ role, ref: { name: 'jetjobs-secrets', key: passwordVariable(role) } });
      expect(secretKeys).toContain(passwordVariable(role));
    }
  });

  it('is installed by the guide as the release the services point at', () => {
    expect(GUIDE).toContain('helm install nats nats/nats --namespace jetjobs -f deploy/kubernetes/nats-values.yaml');
    expect(GUIDE).toContain('kubectl apply -k deploy/kubernetes');
  });
});
