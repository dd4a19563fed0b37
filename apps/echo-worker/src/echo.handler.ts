import { z } from 'zod';
import { PermanentError, type JobHandler } from '@jetjobs/worker-runtime';

/** Input of an `echo` job: what to send back, and how long to pretend to work. */
export const echoInputSchema = z.object({
  message: z.unknown().optional(),
  steps: z.number().int().min(1).max(100).default(5),
  step_ms: z.number().int().min(0).max(10_000).default(200),
  /** Partial results to add once the steps are done, as a clipper adds each finished clip. */
  outputs: z.number().int().min(0).max(100).default(0),
});

/**
 * The smallest useful worker: reports progress step by step and answers with its input. It is
 * the template for a team's own worker and the load the benchmarks drive.
 */
export const echoHandler: JobHandler = async ({ job, progress, log, output, signal }) => {
  const parsed = echoInputSchema.safeParse(job.input ?? {});
  if (!parsed.success) throw new PermanentError(`Invalid echo input: ${parsed.error.issues[0]?.message}`, 'invalid_input');
  const { message, steps, step_ms: stepMs, outputs } = parsed.data;
  await log(`echoing after ${steps} steps of ${stepMs} ms`);
  for (let step = 1; step <= steps; step++) {
    await sleep(stepMs, signal);
    await progress((step / steps) * 100, `step ${step} of ${steps}`);
  }
  for (let part = 1; part <= outputs; part++) await output({ part, of: outputs });
  return { echo: message ?? null };
};

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
