/**
 * Runs `work` over the items, at most `concurrency` at a time, and returns the results in item
 * order. On the first failure the shared signal aborts the others (killing their processes), and
 * the pool waits for every running task to end before it rejects, so no process outlives the
 * call and a temp directory can be removed safely afterwards.
 */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  signal: AbortSignal,
  work: (item: T, index: number, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (failure === null && !controller.signal.aborted && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T, index, controller.signal);
      } catch (error) {
        failure ??= { error };
        controller.abort(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (signal.aborted) throw signal.reason;
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}

/** Runs independent tasks together with the same all-settle-before-reject guarantee. */
export function runTogether<A, B>(signal: AbortSignal, first: (signal: AbortSignal) => Promise<A>, second: (signal: AbortSignal) => Promise<B>): Promise<[A, B]> {
  const tasks = [first, second] as const;
  return runPool(tasks, 2, signal, (task, _index, inner) => (task as (s: AbortSignal) => Promise<unknown>)(inner)) as Promise<[A, B]>;
}
