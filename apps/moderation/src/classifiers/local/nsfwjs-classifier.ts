import type { FrameClassifier } from '../frame-classifier';
import type { LocalModel } from '../local-models';
import { ClassificationThread } from './classification-thread';

export interface NsfwjsOptions {
  readonly model?: LocalModel;
  /** Classification threads, each with its own copy of the model; one per core is the most useful. */
  readonly threads?: number;
}

const INPUT_SIZE = 224;
/** Frames per `predict` in a thread: ~10 % less CPU per frame than one at a time on wasm. */
const FRAMES_PER_PREDICT = 4;

/**
 * The default backend: nsfwjs's classifier, whose weights ship inside the npm package, on
 * TensorFlow.js's WebAssembly backend (tfjs-node cannot be installed here). Each thread loads the
 * model once, when the process starts; jobs only send frames. Frames arrive letterboxed to
 * 224×224, the model's input, so nothing is stretched or resized again. A batch gives each thread
 * up to `FRAMES_PER_PREDICT` consecutive frames, and two batches may be in flight, so a thread that
 * finishes first has the next frames already waiting. A thread that dies is replaced before the
 * next batch.
 */
export async function createNsfwjsClassifier(options: NsfwjsOptions = {}): Promise<FrameClassifier> {
  const model = options.model ?? 'MobileNetV2';
  const threads = await Promise.all(Array.from({ length: options.threads ?? 1 }, () => ClassificationThread.start(model, INPUT_SIZE)));
  // Shared by the batches in flight, so a dead thread is replaced once.
  let replacing: Promise<void> | null = null;
  const replaceDead = () =>
    (replacing ??= (async () => {
      for (const [i, thread] of threads.entries()) if (!thread.alive) threads[i] = await ClassificationThread.start(model, INPUT_SIZE);
    })().finally(() => (replacing = null)));
  return {
    description: `local nsfwjs ${model} (${threads.length} thread${threads.length === 1 ? '' : 's'})`,
    label: `local nsfwjs ${model}`,
    format: { kind: 'rgb', width: INPUT_SIZE, height: INPUT_SIZE },
    batchSize: threads.length * FRAMES_PER_PREDICT,
    batchesInFlight: 2,
    async classify(frames, signal) {
      await replaceDead();
      const perThread = Math.ceil(frames.length / threads.length);
      const chunks = threads.map((thread, i) => ({ thread, frames: frames.slice(i * perThread, (i + 1) * perThread) })).filter((chunk) => chunk.frames.length > 0);
      return (await Promise.all(chunks.map((chunk) => chunk.thread.classify(chunk.frames, signal)))).flat();
    },
    async close() {
      await Promise.all(threads.map((thread) => thread.close()));
    },
  };
}
