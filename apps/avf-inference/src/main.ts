import { BUILTIN_KINDS, names } from '@jetjobs/contracts';
import { connectNats, EventStore, NATS_SECURITY_HELP, STREAM_SETTINGS_HELP } from '@jetjobs/event-store';
import { initTelemetry, TELEMETRY_HELP } from '@jetjobs/telemetry';
import { applyWorkerLimits, logWorkerError, startWorker } from '@jetjobs/worker-runtime';
import { createAvfHandler } from './avf.handler';
import { AVF_HELP, loadAvfConfig } from './config/avf-config';
import { createBackend } from './create-backend';

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(AVF_HELP + STREAM_SETTINGS_HELP + NATS_SECURITY_HELP + TELEMETRY_HELP);
    return;
  }
  const { logger, tracing } = initTelemetry('avf-inference');
  const config = loadAvfConfig();
  const limits = applyWorkerLimits(config);
  const log = (line: string) => logger.info(line);
  // Models are loaded (or the model server checked) once, before taking work: a job never waits for it.
  const backend = await createBackend(config, log);
  const nc = await connectNats(config.NATS_URL, 'avf-inference');
  const store = await EventStore.open(nc, names(config.JETJOBS_NAMESPACE));
  await store.setup({ eventMaxAgeMs: config.JETJOBS_EVENT_MAX_AGE_MS, replicas: config.JETJOBS_STREAM_REPLICAS, manage: config.JETJOBS_MANAGE_STREAMS });
  const worker = await startWorker({
    store,
    kind: BUILTIN_KINDS.avf,
    handler: createAvfHandler({
      backend,
      sequenceLength: config.AVF_SEQUENCE_LENGTH,
      limits: limits.media,
      source: {
        allowlist: config.JETJOBS_SOURCE_URL_ALLOWLIST, maxBytes: config.AVF_MAX_VIDEO_BYTES,
        downloadTimeoutMs: config.AVF_DOWNLOAD_TIMEOUT_MS, idleTimeoutMs: config.JETJOBS_SOURCE_IDLE_TIMEOUT_MS,
      },
    }),
    concurrency: config.WORKER_CONCURRENCY,
    ackWaitMs: config.JETJOBS_WORK_ACK_WAIT_MS,
    maxDeliver: config.JETJOBS_WORK_MAX_DELIVER,
    attemptDeadlineMs: limits.attemptDeadlineMs,
    onError: logWorkerError(logger),
  });
  logger.info(`avf-inference ${worker.workerId} ready (backend ${backend.name}, concurrency ${config.WORKER_CONCURRENCY})`);
  // Graceful stop: running jobs finish (or are handed back after the grace period), the
  // connection drains so the last events and acks reach the server, then the face threads end.
  const stop = () =>
    void worker
      .stop(20_000)
      .then(() => nc.drain())
      .then(() => backend.close())
      .then(() => tracing.shutdown())
      .then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

// Configuration and model-server problems (ConfigError, KserveSetupError) carry readable messages.
main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
