import type { ModerationConfig } from '../config/moderation-config';
import type { FrameClassifier } from './frame-classifier';
import { createNsfwjsClassifier } from './local/nsfwjs-classifier';
import { createKserveClassifier } from './remote/kserve-classifier';
import { createOpenAiClassifier } from './remote/openai-classifier';
import { RateLimiter } from './remote/rate-limiter';

/** The backend `MODERATION_BACKEND` names, ready to classify (model loaded, endpoint checked). */
export async function createClassifier(config: ModerationConfig): Promise<FrameClassifier> {
  const remote = {
    limiter: new RateLimiter(config.MODERATION_REQUESTS_PER_MINUTE),
    timeoutMs: config.MODERATION_REQUEST_TIMEOUT_MS,
    retries: config.MODERATION_REQUEST_RETRIES,
  };
  switch (config.MODERATION_BACKEND) {
    case 'local':
      return createNsfwjsClassifier({ model: config.MODERATION_LOCAL_MODEL, threads: config.MODERATION_LOCAL_THREADS });
    case 'openai':
      return createOpenAiClassifier({
        ...remote,
        baseUrl: required(config.MODERATION_OPENAI_URL),
        apiKey: config.MODERATION_OPENAI_API_KEY,
        model: config.MODERATION_OPENAI_MODEL,
        imagesPerRequest: config.MODERATION_OPENAI_IMAGES_PER_REQUEST,
        concurrency: config.MODERATION_CONCURRENCY,
      });
    case 'kserve':
      return createKserveClassifier({
        ...remote,
        baseUrl: required(config.MODERATION_KSERVE_URL),
        model: required(config.MODERATION_KSERVE_MODEL),
        labels: config.MODERATION_KSERVE_LABELS,
        batchSize: config.MODERATION_BATCH_SIZE,
      });
  }
}

/** `loadModerationConfig` has already checked the backend's required variables. */
function required(value: string | undefined): string {
  if (value === undefined) throw new Error('configuration was not validated');
  return value;
}
