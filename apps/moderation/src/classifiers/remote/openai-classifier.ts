import { z } from 'zod';
import { PermanentError } from '@jetjobs/worker-runtime';
import type { Category, FrameScores } from '../../verdict/categories';
import type { FrameClassifier } from '../frame-classifier';
import { boundedMap } from './bounded-map';
import { BACKEND_ERRORS, requestJson, withRetries } from './http-json';
import type { RateLimiter } from './rate-limiter';

export interface OpenAiOptions {
  /** Server root, e.g. `https://api.openai.com` (a trailing `/v1` is accepted too). */
  readonly baseUrl: string;
  readonly apiKey?: string;
  readonly model: string;
  /** Images in one request; OpenAI's own endpoint takes one, some compatible servers more. */
  readonly imagesPerRequest: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
  readonly limiter: RateLimiter;
  readonly timeoutMs: number;
  readonly retries: number;
}

/** Their categories feeding each of ours; a category of ours takes the highest of its sources. */
const SOURCES: Readonly<Partial<Record<Category, readonly string[]>>> = {
  porn: ['sexual'],
  minors: ['sexual/minors'],
  violence: ['violence', 'violence/graphic'],
  self_harm: ['self-harm', 'self-harm/intent', 'self-harm/instructions'],
};

const resultSchema = z.object({
  category_scores: z.record(z.string(), z.number()),
  category_applied_input_types: z.record(z.string(), z.array(z.string())).optional(),
});
const responseSchema = z.object({ results: z.array(resultSchema) });
type ModerationResult = z.infer<typeof resultSchema>;

/**
 * `POST /v1/moderations` of OpenAI or a compatible server, frames sent as JPEG data URLs. Frames
 * go in requests of `imagesPerRequest`, `concurrency` requests at a time, each through the
 * shared rate limiter and retried on 429/5xx/timeouts.
 */
export function createOpenAiClassifier(options: OpenAiOptions): FrameClassifier {
  const url = `${options.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1/moderations`;
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
  const send = async (images: readonly Buffer[], signal: AbortSignal): Promise<FrameScores[]> => {
    const body = { model: options.model, input: images.map((jpeg) => ({ type: 'image_url', image_url: { url: `data:image/jpeg;base64,${jpeg.toString('base64')}` } })) };
    const answer = await withRetries(async () => {
      await options.limiter.take(signal);
      return requestJson(url, { method: 'POST', body, headers, timeoutMs: options.timeoutMs, signal });
    }, options.retries, signal);
    const parsed = responseSchema.safeParse(answer);
    // The host stays out of the client's message; the log has it through the worker's startup line.
    if (!parsed.success) throw new PermanentError('The moderation model service answered without moderation results', BACKEND_ERRORS.rejected, { cause: parsed.error });
    if (parsed.data.results.length !== images.length) {
      throw new PermanentError(
        `The moderation model service gave ${parsed.data.results.length} results for ${images.length} images: set MODERATION_OPENAI_IMAGES_PER_REQUEST=1`,
        BACKEND_ERRORS.rejected,
      );
    }
    return parsed.data.results.map(scoresOf);
  };
  return {
    description: `openai ${options.model} at ${new URL(url).host}`,
    label: `openai ${options.model}`,
    format: { kind: 'jpeg', maxSide: 512 },
    batchSize: options.imagesPerRequest * options.concurrency,
    batchesInFlight: 1,
    async classify(frames, signal) {
      const requests = chunk(frames, options.imagesPerRequest);
      return (await boundedMap(requests, options.concurrency, (images) => send(images, signal))).flat();
    },
    // Nothing is held open: each request makes its own connection.
    close: () => Promise.resolve(),
  };
}

/** Our scores from one result; a category none of whose sources applied to images is left out. */
export function scoresOf(result: ModerationResult): FrameScores {
  const scores: FrameScores = {};
  for (const [category, sources] of Object.entries(SOURCES) as [Category, readonly string[]][]) {
    const applied = sources.filter((source) => appliesToImages(result, source));
    if (applied.length > 0) scores[category] = Math.max(...applied.map((source) => result.category_scores[source] ?? 0));
  }
  return scores;
}

function appliesToImages(result: ModerationResult, source: string): boolean {
  if (result.category_scores[source] === undefined) return false;
  const types = result.category_applied_input_types?.[source];
  // Servers that do not say which inputs a category was applied to are taken at their word.
  return types === undefined || types.includes('image');
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
