import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FaceThreadMessage, FaceThreadSettings, MeasureRequest, MouthTrack } from './face-protocol';

interface Task {
  readonly id: number;
  readonly request: Omit<MeasureRequest, 'type' | 'id'>;
  readonly signal: AbortSignal;
  resolve(track: MouthTrack): void;
  reject(error: unknown): void;
}

interface Slot {
  readonly thread: Worker;
  task: Task | null;
}

/**
 * A fixed set of face threads, each with the face models loaded once when the pool starts and
 * kept for the life of the process. Batches queue and go to the next free thread; a cancelled
 * job's queued batches are dropped. A thread that dies fails its batch and is replaced.
 */
export class FacePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  private constructor(
    private readonly settings: FaceThreadSettings,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Starts `threads` face threads and waits until every one has loaded its models. */
  static async start(threads: number, settings: FaceThreadSettings, onError: (error: unknown) => void = () => undefined): Promise<FacePool> {
    const pool = new FacePool(settings, onError);
    try {
      await Promise.all(Array.from({ length: threads }, () => pool.addThread()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  /** The mouth in each of `frames` RGB24 frames packed in `pixels` (which is transferred). */
  measure(pixels: ArrayBuffer, frames: number, width: number, height: number, signal: AbortSignal): Promise<MouthTrack> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.closed) return Promise.reject(new Error('the face pool is closed'));
    return new Promise((resolve, reject) => {
      // One job signal serves many batches: each batch removes its listener when it settles.
      const onAbort = () => this.drop(task);
      const settle = <T>(done: (value: T) => void) => (value: T) => {
        signal.removeEventListener('abort', onAbort);
        done(value);
      };
      const task: Task = { id: this.nextId++, request: { pixels, frames, width, height }, signal, resolve: settle(resolve), reject: settle(reject) };
      signal.addEventListener('abort', onAbort, { once: true });
      this.queue.push(task);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('the face pool is closed'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.thread.terminate()));
  }

  private addThread(): Promise<void> {
    const thread = spawnFaceThread(this.settings);
    return new Promise((resolve, reject) => {
      const onStartup = (message: FaceThreadMessage) => {
        thread.off('error', reject);
        if (message.type !== 'ready') {
          void thread.terminate();
          reject(new Error(message.type === 'failed' ? message.message : 'the face thread did not start'));
          return;
        }
        const slot: Slot = { thread, task: null };
        this.slots.push(slot);
        thread.on('message', (m: FaceThreadMessage) => this.settle(slot, m));
        thread.on('error', (error) => this.lose(slot, error));
        thread.on('exit', (code) => this.lose(slot, new Error(`a face thread exited with code ${code}`)));
        this.dispatch();
        resolve();
      };
      thread.once('message', onStartup);
      thread.once('error', reject);
      thread.once('exit', (code) => reject(new Error(`the face thread exited with code ${code} while loading`)));
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.task !== null) continue;
      const task = this.queue.shift();
      if (task === undefined) return;
      slot.task = task;
      const message: MeasureRequest = { type: 'measure', id: task.id, ...task.request };
      slot.thread.postMessage(message, [task.request.pixels]);
    }
  }

  private settle(slot: Slot, message: FaceThreadMessage): void {
    const task = slot.task;
    if (task === null || message.type === 'ready' || message.id !== task.id) return;
    slot.task = null;
    if (message.type === 'measured') task.resolve({ openings: message.openings, widths: message.widths });
    else task.reject(new Error(`face analysis failed: ${message.message}`));
    this.dispatch();
  }

  /** A thread died: fail its batch (the job is retried) and start a replacement. */
  private lose(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    slot.task?.reject(error);
    if (this.closed) return;
    this.onError(error);
    this.addThread().catch((startError: unknown) => {
      this.onError(startError);
      if (this.slots.length === 0) for (const task of this.queue.splice(0)) task.reject(startError);
    });
  }

  private drop(task: Task): void {
    const index = this.queue.indexOf(task);
    if (index >= 0) {
      this.queue.splice(index, 1);
      task.reject(task.signal.reason);
    }
  }
}

/**
 * The compiled thread sits next to this file in `dist/`. Run from TypeScript sources (under
 * Jest) there is no compiled file, and a thread runs outside Jest's transform, so the sources
 * are compiled on load with SWC, the compiler the tests already use.
 */
function spawnFaceThread(settings: FaceThreadSettings): Worker {
  const compiled = join(__dirname, 'face-thread.js');
  if (existsSync(compiled)) return new Worker(compiled, { workerData: settings });
  return new Worker(SOURCE_LOADER, { eval: true, workerData: settings, argv: [join(__dirname, 'face-thread.ts')] });
}

const SOURCE_LOADER = `
const entry = process.argv[process.argv.length - 1];
const load = require('node:module').createRequire(entry);
const { transformFileSync } = load('@swc/core');
require.extensions['.ts'] = (module, filename) =>
  module._compile(transformFileSync(filename, { module: { type: 'commonjs' }, jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }).code, filename);
load(entry);
`;
