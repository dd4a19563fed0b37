import { names } from '@jetjobs/contracts';
import { ConfigError, count, loadConfig, natsEnv } from '@jetjobs/config';
import { connectNats, EventStore, NATS_SECURITY_HELP, STREAM_SETTINGS_HELP } from '@jetjobs/event-store';
import { initTelemetry, TELEMETRY_HELP } from '@jetjobs/telemetry';
import { logWorkerError, startWorker } from '@jetjobs/worker-runtime';
import { echoHandler } from './echo.handler';

const HELP = `echo-worker — runs jobs of kind "echo": progress step by step, then the input back

Usage: node apps/echo-worker/dist/main.js

Environment:
  NATS_URL                   NATS server(s)   (nats://127.0.0.1:4222)
  JETJOBS_NAMESPACE          namespace of streams and subjects   (jetjobs)
  WORKER_CONCURRENCY         jobs run at once by this process   (4)
  JETJOBS_WORK_ACK_WAIT_MS   redelivery delay if this process dies   (30000)
  JETJOBS_WORK_MAX_DELIVER   deliveries before a work item is dead   (5)
  JETJOBS_METRICS_PORT       port of /metrics, /healthz, /readyz (docs/observability.md)   (none: no server)
${STREAM_SETTINGS_HELP}${NATS_SECURITY_HELP}${TELEMETRY_HELP}`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  const { logger, tracing } = initTelemetry('echo-worker');
  const config = loadConfig({ ...natsEnv, WORKER_CONCURRENCY: count(1, 256, 4) });
  const nc = await connectNats(config.NATS_URL, 'echo-worker');
  const store = await EventStore.open(nc, names(config.JETJOBS_NAMESPACE));
  await store.setup({ eventMaxAgeMs: config.JETJOBS_EVENT_MAX_AGE_MS, replicas: config.JETJOBS_STREAM_REPLICAS, manage: config.JETJOBS_MANAGE_STREAMS });
  const worker = await startWorker({
    store,
    kind: 'echo',
    handler: echoHandler,
    concurrency: config.WORKER_CONCURRENCY,
    ackWaitMs: config.JETJOBS_WORK_ACK_WAIT_MS,
    maxDeliver: config.JETJOBS_WORK_MAX_DELIVER,
    onError: logWorkerError(logger),
  });
  logger.info(`echo-worker ${worker.workerId} ready (concurrency ${config.WORKER_CONCURRENCY})`);
  // Graceful stop: running jobs finish (or are handed back after the grace period), then the
  // connection drains so the last events and acks reach the server.
  const stop = () => void worker.stop(20_000).then(() => nc.drain()).then(() => tracing.shutdown()).then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
