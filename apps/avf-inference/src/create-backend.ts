import type { AvfBackend } from './backend';
import type { AvfConfig } from './config/avf-config';
import { connectKserve } from './kserve/connect-kserve';
import { createKserveBackend } from './kserve/kserve-backend';
import { OipClient } from './kserve/oip-client';
import { FacePool } from './local/face-pool';
import { createLocalBackend } from './local/local-backend';

/**
 * Builds the configured backend before the worker takes work: the local one loads the face
 * models into every face thread, the kserve one checks the server and the model's metadata.
 * Either failure stops the start with a readable reason.
 */
export async function createBackend(config: AvfConfig, log: (line: string) => void): Promise<AvfBackend> {
  if (config.AVF_BACKEND === 'local') {
    const started = Date.now();
    const pool = await FacePool.start(
      config.AVF_FACE_THREADS,
      { detectorSkipFrames: config.AVF_DETECTOR_SKIP_FRAMES, minConfidence: config.AVF_FACE_MIN_CONFIDENCE },
      (error) => log(`face thread: ${error instanceof Error ? error.message : String(error)}`),
    );
    log(`face models loaded in ${pool.size} threads in ${Date.now() - started} ms`);
    return createLocalBackend(pool, { maxLag: config.AVF_MAX_LAG_FRAMES, frameWidth: config.AVF_FRAME_WIDTH });
  }
  const client = new OipClient({
    // Both are present: loadAvfConfig refuses the kserve backend without them.
    url: config.AVF_KSERVE_URL ?? '',
    model: config.AVF_KSERVE_MODEL ?? '',
    version: config.AVF_KSERVE_MODEL_VERSION ?? null,
    token: config.AVF_KSERVE_TOKEN ?? null,
    timeoutMs: config.AVF_KSERVE_TIMEOUT_MS,
    retries: config.AVF_KSERVE_RETRIES,
    retryBaseDelayMs: config.AVF_KSERVE_RETRY_BASE_DELAY_MS,
  });
  const expected = {
    framesInput: config.AVF_KSERVE_FRAMES_INPUT,
    audioInput: config.AVF_KSERVE_AUDIO_INPUT,
    output: config.AVF_KSERVE_OUTPUT,
    frameSize: config.AVF_KSERVE_FRAME_SIZE,
  };
  const contract = await connectKserve(client, expected, config.AVF_KSERVE_STARTUP_TIMEOUT_MS, log);
  log(`model "${config.AVF_KSERVE_MODEL}" at ${config.AVF_KSERVE_URL} is ready`);
  return createKserveBackend(client, contract, {
    ...expected,
    sampleRate: config.AVF_KSERVE_SAMPLE_RATE,
    binary: config.AVF_KSERVE_BINARY,
    concurrency: config.AVF_KSERVE_CONCURRENCY,
  });
}
