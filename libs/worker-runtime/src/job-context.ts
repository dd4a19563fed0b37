import type { MediaStore } from './media-store';

export interface ProgressExtra {
  readonly framesCompleted?: number;
  readonly frameCount?: number;
}

/** What a handler gets for one attempt of one job. */
export interface JobContext<Input = unknown> {
  readonly job: { readonly id: string; readonly kind: string; readonly projectId: string; readonly attempt: number; readonly input: Input };
  /** Fires when the job is cancelled or the worker shuts down: stop work and child processes. */
  readonly signal: AbortSignal;
  readonly media: MediaStore;
  /** Records progress (0–100) with an optional human-readable detail. Resolves once stored. */
  progress(percent: number, detail?: string, extra?: ProgressExtra): Promise<void>;
  log(line: string, level?: 'info' | 'warn' | 'error'): Promise<void>;
  /** Publishes a partial result (e.g. one finished clip) before the job completes. */
  output(partial: unknown): Promise<void>;
}

/** A kind's pipeline. What it returns becomes the job's result. */
export type JobHandler<Input = unknown> = (context: JobContext<Input>) => Promise<unknown>;
