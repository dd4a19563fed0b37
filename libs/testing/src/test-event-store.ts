import { randomUUID } from 'node:crypto';
import { names as namesFor, type JobEventBody, type Names } from '@jetjobs/contracts';
import { EventStore, connectNats } from '@jetjobs/event-store';
import type { NatsConnection } from '@nats-io/transport-node';
import { testNamespace, testNatsUrl } from './test-env';

export interface TestEventStore {
  readonly store: EventStore;
  readonly nc: NatsConnection;
  readonly names: Names;
  /** Deletes every stream and bucket of the namespace and closes the connection. */
  dispose(): Promise<void>;
}

/** An event store in a fresh namespace on the real NATS server. */
export async function openTestEventStore(label = 'es'): Promise<TestEventStore> {
  const names = namesFor(testNamespace(label));
  const nc = await connectNats(testNatsUrl(), `test-${label}`);
  const store = await EventStore.open(nc, names);
  await store.setup();
  return { store, nc, names, dispose: () => disposeNamespace(store, nc) };
}

async function disposeNamespace(store: EventStore, nc: NatsConnection): Promise<void> {
  const { names, jsm } = store;
  // Every stream of the namespace, buckets included, whatever new ones the platform grows.
  const upper = names.namespace.toUpperCase().replace(/-/g, '_');
  const mine = (name: string) => name.startsWith(`${upper}_`) || name.startsWith(`KV_${names.namespace}_`) || name.startsWith(`OBJ_${names.namespace}_`);
  const doomed: string[] = [];
  for await (const info of jsm.streams.list()) if (mine(info.config.name)) doomed.push(info.config.name);
  for (const stream of doomed) await jsm.streams.delete(stream).catch(() => undefined);
  await nc.drain();
}

/** Appends a freshly submitted job and returns its id and the last stream sequence. */
export async function submitTestJob(
  store: EventStore,
  options: { kind?: string; projectId?: string; input?: unknown; more?: JobEventBody[] } = {},
): Promise<{ jobId: string; lastSeq: number; kind: string; projectId: string }> {
  const jobId = randomUUID();
  const kind = options.kind ?? 'echo';
  const projectId = options.projectId ?? 'project-a';
  const events: JobEventBody[] = [{ type: 'JobSubmitted', data: { input: options.input ?? {}, webhookUrl: null } }, ...(options.more ?? [])];
  const stored = await store.append({ jobId, kind, projectId, expectedSeq: 0, expectedVersion: 0, events, correlationId: jobId, causationId: null });
  return { jobId, kind, projectId, lastSeq: stored.at(-1)?.seq ?? 0 };
}
