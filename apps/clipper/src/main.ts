import { ConfigError } from '@jetjobs/config';
import { names } from '@jetjobs/contracts';
import { connectNats, EventStore, NATS_SECURITY_HELP, STREAM_SETTINGS_HELP } from '@jetjobs/event-store';
import { Objm } from '@nats-io/obj';
import { initTelemetry, TELEMETRY_HELP } from '@jetjobs/telemetry';
import { applyWorkerLimits, logWorkerError, startWorker } from '@jetjobs/worker-runtime';
import { createClipperHandler } from './clipper.handler';
import { loadClipperConfig } from './clipper-config';
import { isExecutable, missingTools } from './required-tools';
import { bucketFileStore } from './storage/file-store';

const HELP = `clipper — runs jobs of kind "clipper": finds the best 15–60 s moments of a video and
renders each as a clip (9:16 by default) with a title and captions

Usage: node apps/clipper/dist/main.js

Environment:
  NATS_URL                     NATS server(s)   (nats://127.0.0.1:4222)
  JETJOBS_NAMESPACE            namespace of streams and subjects   (jetjobs)
  WORKER_CONCURRENCY           jobs run at once; each uses every core   (1)
  JETJOBS_WORK_ACK_WAIT_MS     redelivery delay if this process dies   (30000)
  JETJOBS_WORK_MAX_DELIVER     deliveries before a work item is dead   (5)
  JETJOBS_METRICS_PORT         port of /metrics, /healthz, /readyz (docs/observability.md)   (none: no server)
  JETJOBS_SOURCE_URL_ALLOWLIST internal hosts/CIDRs video URLs may use   (none)
  JETJOBS_SOURCE_IDLE_TIMEOUT_MS  a download (or yt-dlp) that receives nothing this long fails, retryable   (30000)
  CLIPPER_MAX_VIDEO_BYTES      largest video accepted   (2147483648)
  CLIPPER_DOWNLOAD_TIMEOUT_MS  time for a URL download   (900000)
  MEDIA_MAX_DURATION_S         longest video accepted, checked after probing   (10800 = 3 h)
  MEDIA_MAX_PIXELS             largest frame (width x height); also ffmpeg's -max_pixels   (8294400 = 3840x2160)
  MEDIA_MAX_FRAMES             most video frames accepted   (648000)
  WORKER_ATTEMPT_DEADLINE_MS   wall-clock limit of one attempt; past it the job fails (0: none)   (10800000)
  MEDIA_TOOL_MAX_MEMORY_BYTES  virtual memory of each ffmpeg/ffprobe/pocketsphinx process (0: none)   (8589934592 = 8 GiB)
  MEDIA_TOOL_MAX_CPU_S         CPU seconds of each tool process (0: none)   (14400)
  MEDIA_TOOL_TIMEOUT_MS        wall-clock limit of each tool run (0: none)   (0)
  CLIPPER_MAX_CLIPS            clips per video, at most 15   (15)
  CLIPPER_STT_PROCESSES        recogniser processes (or remote requests) at once   (CPU count)
  YT_DLP_PATH                  yt-dlp, needed for YouTube URLs only   (yt-dlp)
  STT_BACKEND                  pocketsphinx | openai   (pocketsphinx)
  STT_API_URL                  OpenAI-compatible base URL, e.g. https://api.openai.com/v1   (required for openai)
  STT_API_KEY, STT_MODEL       key and model   (none, whisper-1)
  STT_PRICE_PER_MINUTE_USD     price of a minute of audio   (0.006)
  CAPTION_BACKEND              local | openai   (local)
  CAPTION_API_URL              OpenAI-compatible base URL   (required for openai)
  CAPTION_API_KEY, CAPTION_MODEL   key and model   (none, gpt-4o-mini)
  CAPTION_PRICE_INPUT_PER_MILLION_TOKENS_USD    (0.15)
  CAPTION_PRICE_OUTPUT_PER_MILLION_TOKENS_USD   (0.6)
  REMOTE_TIMEOUT_MS            time for one remote model call   (120000)
${STREAM_SETTINGS_HELP}${NATS_SECURITY_HELP}${TELEMETRY_HELP}`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  const { logger, tracing } = initTelemetry('clipper');
  const config = loadClipperConfig();
  const limits = applyWorkerLimits(config);
  const missing = await missingTools(config);
  if (missing.length > 0) throw new Error(`clipper needs ${missing.join(', ')} on PATH (Debian: apt-get install ffmpeg pocketsphinx pocketsphinx-en-us)`);
  if (!(await isExecutable(config.YT_DLP_PATH))) logger.warn(`${config.YT_DLP_PATH} not found: YouTube URLs will fail with a clear error`);
  const nc = await connectNats(config.NATS_URL, 'clipper');
  const store = await EventStore.open(nc, names(config.JETJOBS_NAMESPACE));
  await store.setup({ eventMaxAgeMs: config.JETJOBS_EVENT_MAX_AGE_MS, replicas: config.JETJOBS_STREAM_REPLICAS, manage: config.JETJOBS_MANAGE_STREAMS });
  const files = bucketFileStore(await new Objm(nc).open(store.names.mediaBucket));
  const worker = await startWorker({
    store,
    kind: 'clipper',
    handler: createClipperHandler(config, { files }),
    concurrency: config.WORKER_CONCURRENCY,
    ackWaitMs: config.JETJOBS_WORK_ACK_WAIT_MS,
    maxDeliver: config.JETJOBS_WORK_MAX_DELIVER,
    attemptDeadlineMs: limits.attemptDeadlineMs,
    onError: logWorkerError(logger),
  });
  logger.info(`clipper ${worker.workerId} ready (speech: ${config.STT_BACKEND}, captions: ${config.CAPTION_BACKEND})`);
  // Graceful stop: a running job finishes or, after the grace period, is stopped (its ffmpeg
  // killed, its temp files removed) and handed back; then the connection drains.
  const stop = () => void worker.stop(20_000).then(() => nc.drain()).then(() => tracing.shutdown()).then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
