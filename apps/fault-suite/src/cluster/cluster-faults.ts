import type { ClusterStack } from '../harness/cluster-stack';

const POLL_MS = 200;

/** Polls `probe` until it gives a value; the time it took is what a scenario reports. */
async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${what} within ${timeoutMs} ms`);
}

/** A JOBS leader other than `former` that answers: the stream took writes again. */
export function newJobsLeader(stack: ClusterStack, former: string, timeoutMs: number): Promise<string> {
  return until(`the job stream elected no leader other than ${former}`, timeoutMs, async () => {
    const leader = await stack.jobsLeader();
    return leader !== former && stack.nats.node(leader).running ? leader : null;
  });
}

/** A meta leader other than `former`: the cluster can create and change streams and consumers again. */
export function newMetaLeader(stack: ClusterStack, former: string, timeoutMs: number): Promise<string> {
  return until(`the cluster elected no meta leader other than ${former}`, timeoutMs, async () => {
    const leader = await stack.nats.waitForMetaLeader(POLL_MS * 10);
    return leader !== former ? leader : null;
  });
}

/** Every replica of the job stream is current again: a node that came back has caught up. */
export function jobsReplicasCurrent(stack: ClusterStack, timeoutMs: number): Promise<true> {
  return until('the job stream did not have three current replicas', timeoutMs, async () => {
    const store = await stack.eventStore();
    const { cluster } = await store.jsm.streams.info(store.names.jobsStream);
    const followers = cluster?.replicas ?? [];
    return cluster?.leader && followers.length === 2 && followers.every((peer) => peer.current && !peer.offline) ? true : null;
  });
}

/** Runs `step` and records how long it took under `name` in the stack's timings. */
export async function timed<T>(stack: ClusterStack, name: string, since: number, step: Promise<T>): Promise<T> {
  const value = await step;
  stack.timings.set(name, Date.now() - since);
  return value;
}
