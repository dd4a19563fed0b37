/**
 * Undo actions of whatever scenarios started and have not disposed yet. A scenario that fails
 * disposes its own in `finally`; one that Jest abandons at its timeout never gets there, so the
 * suite's afterAll runs what is left (Jest's sandboxed `process` never sees the real `exit`).
 */
const pending = new Set<() => Promise<void>>();

/** Registers `dispose` until the returned function is called (by `dispose` itself, normally). */
export function trackLeftover(dispose: () => Promise<void>): () => void {
  pending.add(dispose);
  return () => pending.delete(dispose);
}

/** Runs every registered undo action; failures are ignored, the next one still runs. */
export async function disposeLeftovers(): Promise<void> {
  const actions = [...pending];
  pending.clear();
  await Promise.all(actions.map((dispose) => dispose().catch(() => undefined)));
}
