import type { Captioner } from './captions/captioner';
import { LocalCaptioner } from './captions/local-captioner';
import { OpenAiCaptioner } from './captions/openai-captioner';
import type { ClipperConfig } from './clipper-config';
import { OpenAiTranscriber } from './transcription/openai-transcriber';
import { PocketsphinxTranscriber } from './transcription/pocketsphinx-transcriber';
import type { Transcriber } from './transcription/transcriber';

/** The speech-to-text backend the configuration names. */
export function createTranscriber(config: ClipperConfig): Transcriber {
  if (config.STT_BACKEND === 'pocketsphinx') return new PocketsphinxTranscriber(config.CLIPPER_STT_PROCESSES);
  const endpoint = { baseUrl: config.STT_API_URL ?? '', apiKey: config.STT_API_KEY, model: config.STT_MODEL, timeoutMs: config.REMOTE_TIMEOUT_MS };
  return new OpenAiTranscriber(endpoint, config.STT_PRICE_PER_MINUTE_USD, config.CLIPPER_STT_PROCESSES);
}

/** The title and caption backend the configuration names. */
export function createCaptioner(config: ClipperConfig): Captioner {
  if (config.CAPTION_BACKEND === 'local') return new LocalCaptioner();
  const endpoint = { baseUrl: config.CAPTION_API_URL ?? '', apiKey: config.CAPTION_API_KEY, model: config.CAPTION_MODEL, timeoutMs: config.REMOTE_TIMEOUT_MS };
  return new OpenAiCaptioner(endpoint, {
    inputPerMillion: config.CAPTION_PRICE_INPUT_PER_MILLION_TOKENS_USD,
    outputPerMillion: config.CAPTION_PRICE_OUTPUT_PER_MILLION_TOKENS_USD,
  });
}
