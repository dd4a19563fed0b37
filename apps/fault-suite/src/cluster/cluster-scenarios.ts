import type { ClusterStack, ReplicaLabel } from '../harness/cluster-stack';
import type { FaultScenario } from '../harness/fault-scenario';
import type { StreamSnapshot } from '../harness/stream-snapshot';
import type { ClusterProfile } from './cluster-profile';
import { jobsReplicasCurrent, newJobsLeader, newMetaLeader, timed } from './cluster-faults';
import { dutyFailover } from './duty-failover';

export type ClusterScenario = FaultScenario<ClusterStack>;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Attempts a worker never finished: what a crash leaves and a graceful stop must not. */
function lostWorkers(stream: StreamSnapshot): number {
  return stream.events.filter(({ event }) => event.type === 'JobAttemptFailed' && event.data.error.code === 'worker_lost').length;
}

/** kill -9 of a node, down for the profile's time, back on its store; timings of the election and the catch-up. */
async function crashNode(stack: ClusterStack, profile: ClusterProfile, pick: () => Promise<string>, elect: (former: string) => Promise<string>): Promise<number> {
  const victim = await pick();
  const at = Date.now();
  await stack.nats.node(victim).kill();
  await timed(stack, 'election', at, elect(victim));
  await pause(Math.max(0, at + profile.nodeDownMs - Date.now()));
  await stack.nats.node(victim).launch();
  await timed(stack, 'node caught up', at, jobsReplicasCurrent(stack, profile.settleTimeoutMs));
  return 1;
}

/** kill -9 of one replica, its successor started at once. */
async function crashReplica(stack: ClusterStack, label: ReplicaLabel): Promise<number> {
  await stack.stop(label, 'SIGKILL');
  await stack.start(label);
  return 1;
}

export function clusterScenarios(profile: ClusterProfile): ClusterScenario[] {
  const timeout = profile.settleTimeoutMs;
  return [
    {
      id: 'cluster-kill-jobs-leader',
      name: `kill -9 the JOBS stream's leader node, restart it after ${profile.nodeDownMs / 1000} s`,
      inject: (stack) => crashNode(stack, profile, () => stack.jobsLeader(), (former) => newJobsLeader(stack, former, timeout)),
    },
    {
      id: 'cluster-kill-meta-leader',
      name: `kill -9 the meta leader node, restart it after ${profile.nodeDownMs / 1000} s`,
      inject: (stack) => crashNode(stack, profile, () => stack.nats.waitForMetaLeader(), (former) => newMetaLeader(stack, former, timeout)),
    },
    {
      id: 'cluster-pause-node',
      name: `SIGSTOP the JOBS leader node for ${profile.pauseMs / 1000} s, then SIGCONT`,
      loadSeconds: profile.jobsBeforeFault / profile.jobsPerSecond + profile.pauseMs / 1000 + 2,
      inject: async (stack) => {
        const victim = stack.nats.node(await stack.jobsLeader());
        const at = Date.now();
        victim.pause();
        await timed(stack, 'election', at, newJobsLeader(stack, victim.serverName, timeout));
        await pause(Math.max(0, at + profile.pauseMs - Date.now()));
        victim.resume();
        await timed(stack, 'node caught up', at, jobsReplicasCurrent(stack, timeout));
        return 1;
      },
    },
    {
      id: 'cluster-kill-registry',
      name: 'kill -9 one job-registry replica mid-batch',
      inject: async (stack) => {
        const store = await stack.eventStore();
        const { state } = await store.jsm.streams.info(store.names.jobsStream);
        const at = Date.now();
        await stack.stop('job-registry-1', 'SIGKILL');
        // The survivor alone must take over every duty before the replica comes back.
        for (const [duty, ms] of await dutyFailover(store, state.last_seq, at, timeout)) stack.timings.set(`${duty} failover`, ms);
        await stack.start('job-registry-1');
        return 1;
      },
    },
    {
      id: 'cluster-kill-gateway',
      name: 'kill -9 one gateway replica with SSE clients attached',
      inject: (stack) => crashReplica(stack, 'gateway-1'),
      check: (_stream, result) => (result.sseReconnects > 0 ? [] : ['no SSE client had to reconnect']),
    },
    {
      id: 'cluster-kill-worker',
      name: 'kill -9 one echo-worker replica mid-job',
      inject: (stack) => crashReplica(stack, 'echo-worker-1'),
      check: (stream) => (lostWorkers(stream) > 0 ? [] : ['no attempt was lost: the kill hit no running job']),
    },
    {
      id: 'cluster-rolling-restart',
      name: 'rolling restart of every service, one replica at a time (SIGTERM, wait until ready)',
      loadSeconds: profile.loadSeconds * 3,
      inject: async (stack) => {
        const order: ReplicaLabel[] = ['job-registry-1', 'job-registry-2', 'gateway-1', 'gateway-2', 'echo-worker-1', 'echo-worker-2'];
        for (const label of order) {
          await stack.stop(label, 'SIGTERM');
          await stack.start(label);
        }
        return order.length;
      },
      check: (stream) => {
        const lost = lostWorkers(stream);
        return lost === 0 ? [] : [`${lost} attempts were lost to a graceful stop`];
      },
    },
  ];
}

/** The scenarios `npm test` runs: a node crash and a registry replica crash. */
export const SHORT_SCENARIOS = new Set(['cluster-kill-jobs-leader', 'cluster-kill-registry']);
