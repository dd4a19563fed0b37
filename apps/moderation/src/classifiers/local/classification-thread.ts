import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { RetryableError } from '@jetjobs/worker-runtime';
import type { FrameScores } from '../../verdict/categories';
import type { LocalModel } from '../local-models';
import { NSFWJS_THREAD_SOURCE } from './nsfwjs-thread-source';

interface Pending {
  resolve(scores: FrameScores[]): void;
  reject(error: unknown): void;
}

type ThreadMessage = { ready: true } | { failed: string } | { id: number; scores: FrameScores[] } | { id: number; error: string };

/** Where the thread finds its packages: resolved here, where Node's resolution is the app's. */
function packagePaths(model: LocalModel) {
  const wasmPackage = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  return {
    tfjs: require.resolve('@tensorflow/tfjs'),
    wasm: require.resolve('@tensorflow/tfjs-backend-wasm'),
    // In Node the backend reads its .wasm files from disk, from the package's own dist folder.
    wasmDir: `${join(wasmPackage, 'dist')}/`,
    nsfwjsCore: require.resolve('nsfwjs/core'),
    modelModule: require.resolve(model === 'MobileNetV2' ? 'nsfwjs/models/mobilenet_v2' : 'nsfwjs/models/mobilenet_v2_mid'),
    modelExport: model === 'MobileNetV2' ? 'MobileNetV2Model' : 'MobileNetV2MidModel',
  };
}

/**
 * One worker thread holding one copy of the model. Inference runs there, not on the main
 * thread, so heartbeats, progress events and cancellation are never held up by a frame, and
 * two threads use both cores.
 */
export class ClassificationThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {}

  /** Starts a thread and resolves once its model is loaded. */
  static start(model: LocalModel, size: number): Promise<ClassificationThread> {
    const worker = new Worker(NSFWJS_THREAD_SOURCE, { eval: true, workerData: { paths: packagePaths(model), model, size } });
    const thread = new ClassificationThread(worker);
    return new Promise((resolve, reject) => {
      worker.on('message', (message: ThreadMessage) => {
        if ('ready' in message) resolve(thread);
        else if ('failed' in message) reject(new Error(`The ${model} model could not be loaded: ${message.failed}`));
        else thread.settle(message);
      });
      worker.on('error', (error) => {
        thread.fail(error);
        reject(error);
      });
      worker.on('exit', (code) => {
        const error = new Error(`the classification thread exited with code ${code}`);
        thread.fail(error);
        reject(error); // no effect once it was ready
      });
    });
  }

  /** False once the thread has died; its pool replaces it. */
  get alive(): boolean {
    return this.failure === null;
  }

  /**
   * Scores frames in one batch, in order; the pixels are copied into one message, the caller's
   * buffers are kept.
   */
  classify(frames: readonly Buffer[], signal: AbortSignal): Promise<FrameScores[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (signal.aborted) return Promise.reject(signal.reason);
    const id = this.nextId++;
    const pixels = concatenate(frames);
    const count = frames.length;
    return new Promise<FrameScores[]>((resolve, reject) => {
      const onAbort = () => {
        this.pending.delete(id);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const done = () => signal.removeEventListener('abort', onAbort);
      this.pending.set(id, { resolve: (scores) => (done(), resolve(scores)), reject: (error) => (done(), reject(error)) });
      this.worker.postMessage({ id, pixels, count }, [pixels]);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the classifier was closed');
    await this.worker.terminate();
  }

  private settle(message: { id: number; scores: FrameScores[] } | { id: number; error: string }): void {
    const entry = this.pending.get(message.id);
    this.pending.delete(message.id);
    if ('error' in message) entry?.reject(new RetryableError(`Classifying a frame failed: ${message.error}`, 'classifier_failed'));
    else entry?.resolve(message.scores);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const entry of this.pending.values()) entry.reject(new RetryableError(`The classifier stopped: ${error.message}`, 'classifier_failed'));
    this.pending.clear();
  }
}

/** The frames back to back in a fresh ArrayBuffer, which the message then transfers. */
function concatenate(frames: readonly Buffer[]): ArrayBuffer {
  const bytes = new Uint8Array(frames.reduce((total, frame) => total + frame.length, 0));
  let offset = 0;
  for (const frame of frames) {
    bytes.set(frame, offset);
    offset += frame.length;
  }
  return bytes.buffer;
}
