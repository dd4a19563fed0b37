import type { FrameScores } from '../../verdict/categories';
import type { FrameClassifier } from '../frame-classifier';
import type { LocalModel } from '../local-models';
import { ClassificationThread } from './classification-thread';

export interface NsfwjsOptions {
  readonly model?: LocalModel;
  /** Classification threads, each with its own copy of the model; one per core is the most useful. */
  readonly threads?: number;
}

const INPUT_SIZE = 224;

/**
 * The default backend: nsfwjs's classifier, whose weights ship inside the npm package, on
 * TensorFlow.js's WebAssembly backend (tfjs-node cannot be installed here). Each thread loads the
 * model once, when the process starts; jobs only send frames. Frames arrive letterboxed to
 * 224×224, the model's input, so nothing is stretched or resized again. A thread that dies is
 * replaced before the next batch.
 */
export async function createNsfwjsClassifier(options: NsfwjsOptions = {}): Promise<FrameClassifier> {
  const model = options.model ?? 'MobileNetV2';
  const threads = await Promise.all(Array.from({ length: options.threads ?? 1 }, () => ClassificationThread.start(model, INPUT_SIZE)));
  const replaceDead = async () => {
    for (const [i, thread] of threads.entries()) if (!thread.alive) threads[i] = await ClassificationThread.start(model, INPUT_SIZE);
  };
  return {
    description: `local nsfwjs ${model} (${threads.length} thread${threads.length === 1 ? '' : 's'})`,
    format: { kind: 'rgb', width: INPUT_SIZE, height: INPUT_SIZE },
    batchSize: threads.length,
    async classify(frames, signal) {
      await replaceDead();
      return Promise.all(frames.map((frame, i) => (threads[i % threads.length] as ClassificationThread).classify(frame, signal))) as Promise<FrameScores[]>;
    },
    async close() {
      await Promise.all(threads.map((thread) => thread.close()));
    },
  };
}
