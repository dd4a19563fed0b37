import { Objm } from '@nats-io/obj';
import { BUILTIN_KINDS, names } from '@jetjobs/contracts';
import { ConfigError } from '@jetjobs/config';
import { connectNats, EventStore, NATS_SECURITY_HELP, STREAM_SETTINGS_HELP } from '@jetjobs/event-store';
import { initTelemetry, TELEMETRY_HELP } from '@jetjobs/telemetry';
import { applyWorkerLimits, logWorkerError, startWorker } from '@jetjobs/worker-runtime';
import { createClassifier } from './classifiers/create-classifier';
import { loadModerationConfig, moderationSettings } from './config/moderation-config';
import { bucketMediaFiles } from './evidence/media-files';
import { createModerationHandler } from './moderation.handler';

const HELP = `moderation — runs jobs of kind "moderation": frame-by-frame video moderation

Usage: node apps/moderation/dist/main.js

Environment (defaults in brackets):
  NATS_URL, JETJOBS_NAMESPACE         NATS server(s) and namespace   [nats://127.0.0.1:4222, jetjobs]
  WORKER_CONCURRENCY                  jobs run at once by this process   [1: classification is CPU-bound]
  JETJOBS_WORK_ACK_WAIT_MS            redelivery delay if this process dies   [30000]
  JETJOBS_WORK_MAX_DELIVER            deliveries before a work item is dead   [5]
  JETJOBS_METRICS_PORT                port of /metrics, /healthz, /readyz (docs/observability.md)   [none: no server]
  MODERATION_BACKEND                  local | openai | kserve   [local]
  MODERATION_LOCAL_MODEL              MobileNetV2 | MobileNetV2Mid (nsfwjs, shipped in the package)   [MobileNetV2]
  MODERATION_LOCAL_THREADS            classification threads, each loads the model once   [cores, at most 2]
  MODERATION_SAMPLE_INTERVAL_S        seconds between regular samples   [1]
  MODERATION_SCENE_THRESHOLD          scene score (0-1) that starts a new scene; its first frame is sampled too   [0.1]
  MODERATION_MIN_SCENE_S              shortest scene: closer cuts are motion   [1]
  MODERATION_THRESHOLDS               per-frame thresholds, e.g. porn=0.6,sexy=0.9
                                      [porn=0.5,hentai=0.5,sexy=0.8,violence=0.5,self_harm=0.5,minors=0.3]
  MODERATION_PERSISTENCE              interval samples in a row a category must persist to flag the video   [2]
  MODERATION_MAX_EVIDENCE             flagged segments reported with a thumbnail   [20]
  MEDIA_MAX_DURATION_S                longest video accepted, checked after probing   [7200 = 2 h]
  MEDIA_MAX_PIXELS                    largest frame (width x height); also ffmpeg's -max_pixels   [8294400 = 3840x2160]
  MEDIA_MAX_FRAMES                    most video frames accepted   [432000]
  WORKER_ATTEMPT_DEADLINE_MS          wall-clock limit of one attempt; past it the job fails (0: none)   [3600000]
  MEDIA_TOOL_MAX_MEMORY_BYTES         virtual memory of each ffmpeg/ffprobe process (0: none)   [8589934592 = 8 GiB]
  MEDIA_TOOL_MAX_CPU_S                CPU seconds of each ffmpeg/ffprobe process (0: none)   [7200]
  MEDIA_TOOL_TIMEOUT_MS               wall-clock limit of each tool run (0: none)   [0]
  JETJOBS_SOURCE_URL_ALLOWLIST        internal hosts/CIDRs a video_url may reach   [none]
  JETJOBS_SOURCE_IDLE_TIMEOUT_MS      a download that receives nothing this long fails, retryable   [30000]
  MODERATION_MAX_DOWNLOAD_BYTES       largest video accepted   [314572800 = 300 MB]
  MODERATION_DOWNLOAD_TIMEOUT_MS      time for a whole download   [300000]
  MODERATION_OPENAI_URL, _API_KEY     OpenAI-compatible server root and key (backend openai)
  MODERATION_OPENAI_MODEL             [omni-moderation-latest]
  MODERATION_OPENAI_IMAGES_PER_REQUEST  frames per /v1/moderations request   [1]
  MODERATION_KSERVE_URL, _MODEL       Open Inference Protocol server root and model (backend kserve)
  MODERATION_KSERVE_LABELS            the model's output classes in order   [drawing,hentai,neutral,porn,sexy]
  MODERATION_BATCH_SIZE               frames per KServe request   [8]
  MODERATION_CONCURRENCY              requests in flight per job (openai)   [4]
  MODERATION_REQUESTS_PER_MINUTE      rate limit shared by all jobs (remote backends)   [600]
  MODERATION_REQUEST_TIMEOUT_MS       per request   [30000]
  MODERATION_REQUEST_RETRIES          retries of a 429/5xx/timeout before the attempt fails   [3]
${STREAM_SETTINGS_HELP}${NATS_SECURITY_HELP}${TELEMETRY_HELP}`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  const { logger, tracing } = initTelemetry('moderation');
  const config = loadModerationConfig();
  const limits = applyWorkerLimits(config);
  // Loaded once per process, before taking work: a job never waits for a model load.
  const classifier = await createClassifier(config);
  const nc = await connectNats(config.NATS_URL, 'moderation');
  const store = await EventStore.open(nc, names(config.JETJOBS_NAMESPACE));
  await store.setup({ eventMaxAgeMs: config.JETJOBS_EVENT_MAX_AGE_MS, replicas: config.JETJOBS_STREAM_REPLICAS, manage: config.JETJOBS_MANAGE_STREAMS });
  const files = bucketMediaFiles(await new Objm(nc).open(store.names.mediaBucket));
  const worker = await startWorker({
    store,
    kind: BUILTIN_KINDS.moderation,
    handler: createModerationHandler(classifier, files, moderationSettings(config)),
    concurrency: config.WORKER_CONCURRENCY,
    ackWaitMs: config.JETJOBS_WORK_ACK_WAIT_MS,
    maxDeliver: config.JETJOBS_WORK_MAX_DELIVER,
    attemptDeadlineMs: limits.attemptDeadlineMs,
    onError: logWorkerError(logger),
  });
  logger.info(`moderation ${worker.workerId} ready (${classifier.description}, concurrency ${config.WORKER_CONCURRENCY})`);
  // Graceful stop: running jobs finish (or are handed back after the grace period), then the
  // connection drains so the last events and acks reach the server.
  const stop = () =>
    void worker
      .stop(20_000)
      .then(() => nc.drain())
      .then(() => classifier.close())
      .then(() => tracing.shutdown())
      .then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
