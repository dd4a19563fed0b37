import { z } from 'zod';
import { PermanentError } from '@jetjobs/worker-runtime';
import { isCategory, type FrameScores } from '../../verdict/categories';
import type { FrameClassifier } from '../frame-classifier';
import { BACKEND_ERRORS, requestJson, withRetries } from './http-json';
import { inputLayoutOf, inputTensor, modelMetadataSchema, type InputLayout } from './kserve-tensors';
import type { RateLimiter } from './rate-limiter';

export interface KserveOptions {
  /** Server root, e.g. `http://nsfw.models.svc.cluster.local`. */
  readonly baseUrl: string;
  readonly model: string;
  /** The model's output classes in order; those named like our categories are scored. */
  readonly labels: readonly string[];
  readonly batchSize: number;
  readonly limiter: RateLimiter;
  readonly timeoutMs: number;
  readonly retries: number;
}

const inferResponseSchema = z.object({
  outputs: z.array(z.object({ name: z.string(), data: z.array(z.number()) })).min(1),
});

/**
 * An image classifier behind KServe v2 / the Open Inference Protocol (KServe, Triton, Seldon
 * MLServer). At start-up it waits for `GET /v2/health/ready` and reads the model's metadata to
 * learn its input (encoded images or a pixel tensor, and its size), so frames are decoded
 * exactly as the model wants them; then each batch is one `POST /v2/models/{model}/infer`.
 *
 * @throws Error at start-up when the server is not ready or the model's input is not an image.
 */
export async function createKserveClassifier(options: KserveOptions, signal: AbortSignal = new AbortController().signal): Promise<FrameClassifier> {
  const root = options.baseUrl.replace(/\/+$/, '');
  const model = encodeURIComponent(options.model);
  const get = (path: string) =>
    withRetries(() => requestJson(`${root}${path}`, { method: 'GET', timeoutMs: options.timeoutMs, signal }), options.retries, signal).catch((error: unknown) => {
      throw startupError(error, `${root}${path}`);
    });
  await get('/v2/health/ready');
  const metadata = modelMetadataSchema.parse(await get(`/v2/models/${model}`));
  const [input, output] = [metadata.inputs[0], metadata.outputs[0]];
  if (!input || !output) throw new Error(`model "${options.model}" declares no input or output`);
  const layout = inputLayoutOf(input);
  if (!options.labels.some(isCategory)) throw new Error(`MODERATION_KSERVE_LABELS (${options.labels.join(',')}) names no moderation category`);
  return {
    description: `kserve ${metadata.name} at ${new URL(root).host}`,
    label: `kserve ${metadata.name}`,
    format: layout.kind === 'bytes' ? { kind: 'jpeg', maxSide: 512 } : { kind: 'rgb', width: layout.width, height: layout.height },
    batchSize: options.batchSize,
    batchesInFlight: 1,
    async classify(frames, jobSignal) {
      const body = { inputs: [inputTensor(input.name, layout, frames)], outputs: [{ name: output.name }] };
      const answer = await withRetries(async () => {
        await options.limiter.take(jobSignal);
        return requestJson(`${root}/v2/models/${model}/infer`, { method: 'POST', body, timeoutMs: options.timeoutMs, signal: jobSignal });
      }, options.retries, jobSignal);
      return scoresOf(answer, output.name, options.labels, frames.length, layout);
    },
    // Nothing is held open: each request makes its own connection.
    close: () => Promise.resolve(),
  };
}

function scoresOf(answer: unknown, outputName: string, labels: readonly string[], count: number, layout: InputLayout): FrameScores[] {
  const parsed = inferResponseSchema.safeParse(answer);
  const output = parsed.success ? (parsed.data.outputs.find((o) => o.name === outputName) ?? parsed.data.outputs[0]) : undefined;
  if (!output || output.data.length !== count * labels.length) {
    const got = output ? `${output.data.length} values` : 'no output';
    throw new PermanentError(`The model answered ${got} for ${count} ${layout.kind === 'bytes' ? 'images' : 'frames'} × ${labels.length} labels`, BACKEND_ERRORS.rejected);
  }
  return Array.from({ length: count }, (_, frame) => {
    const scores: FrameScores = {};
    labels.forEach((label, i) => {
      if (isCategory(label)) scores[label] = output.data[frame * labels.length + i] ?? 0;
    });
    return scores;
  });
}

/**
 * Start-up failures go to the operator, not a client: unlike a job's error they name the URL and
 * keep what the server answered (the job error's `cause`).
 */
function startupError(error: unknown, url: string): Error {
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return new Error(`The KServe server is not usable at start-up (GET ${url}): ${inner instanceof Error ? inner.message : String(inner)}`, { cause: error });
}
