import type { FaultProfile } from './fault-profile';
import type { FaultScenario, ScenarioResult } from './harness/fault-scenario';
import type { FaultStack } from './harness/fault-stack';
import type { ServiceName } from './harness/service-process';
import type { StreamSnapshot } from './harness/stream-snapshot';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A crash: the process gets no chance to finish anything; its successor starts at once. */
async function crash(stack: FaultStack, service: ServiceName): Promise<number> {
  await stack.stop(service, 'SIGKILL');
  await stack.start(service);
  return 1;
}

/** Attempts that a worker never finished: what a crash leaves and a graceful stop must not. */
function lostWorkers(stream: StreamSnapshot): number {
  return stream.events.filter(({ event }) => event.type === 'JobAttemptFailed' && event.data.error.code === 'worker_lost').length;
}

/** Every scenario, sized for the profile's form. */
export function faultScenarios(profile: FaultProfile): FaultScenario[] {
  return [
    {
      id: 'kill-worker',
      name: 'kill -9 the echo worker mid-job',
      inject: (stack) => crash(stack, 'echo-worker'),
      // The kill must have hit running work, or the scenario proved nothing.
      check: (stream) => (lostWorkers(stream) > 0 ? [] : ['no attempt was lost: the kill hit no running job']),
    },
    {
      id: 'kill-registry',
      name: 'kill -9 job-registry mid-batch',
      inject: (stack) => crash(stack, 'job-registry'),
    },
    {
      id: 'kill-gateway',
      name: 'kill -9 the gateway with SSE clients attached',
      inject: (stack) => crash(stack, 'gateway'),
      check: (_stream, result: ScenarioResult) => (result.sseReconnects > 0 ? [] : ['no SSE client had to reconnect']),
    },
    {
      id: 'restart-nats',
      name: 'restart nats-server (file storage kept)',
      inject: async (stack) => {
        await stack.nats.restart();
        return 1;
      },
    },
    {
      id: 'restart-postgres',
      name: 'restart PostgreSQL',
      inject: async (stack) => {
        await stack.postgres.restart();
        return 1;
      },
    },
    {
      id: 'postgres-outage',
      name: `PostgreSQL down for ${profile.postgresOutageMs / 1000} s while jobs keep flowing`,
      // Submissions go on for the whole outage and a little after.
      loadSeconds: profile.jobsBeforeFault / profile.jobsPerSecond + profile.postgresOutageMs / 1000 + 2,
      inject: async (stack) => {
        await stack.postgres.stop();
        await pause(profile.postgresOutageMs);
        await stack.postgres.launch();
        return 1;
      },
    },
    {
      id: 'sigterm-each',
      name: 'SIGTERM each service in turn during load',
      loadSeconds: profile.loadSeconds * 2,
      inject: async (stack) => {
        const services: ServiceName[] = ['echo-worker', 'job-registry', 'gateway'];
        for (const service of services) {
          await stack.stop(service, 'SIGTERM');
          await stack.start(service);
        }
        return services.length;
      },
      // Graceful: running jobs finish before the worker exits, none is left for another to redo.
      check: (stream) => {
        const lost = lostWorkers(stream);
        return lost === 0 ? [] : [`${lost} attempts were lost to a graceful stop`];
      },
    },
  ];
}
