/** A stage of a job, timed for logs and the benchmark. */
export interface StageTiming {
  readonly stage: 'source' | 'audio' | 'transcription' | 'scenes' | 'analysis' | 'clip';
  readonly seconds: number;
  /** For `clip`: its rank, 1 = best. */
  readonly clip?: number;
}

export type StageListener = (timing: StageTiming) => void;

/** Times async work and reports it; returns the work's value with its duration. */
export async function timed<T>(stage: StageTiming['stage'], work: () => Promise<T>, listener?: StageListener, clip?: number): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  listener?.(clip === undefined ? { stage, seconds } : { stage, seconds, clip });
  return { value, seconds };
}

export const secondsText = (seconds: number): string => `${seconds.toFixed(1)} s`;
