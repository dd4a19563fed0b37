/**
 * Runs tasks concurrently, at most `limit` at a time: a slow receiver holds one slot, not the
 * whole consumer. Tasks must handle their own errors.
 */
export class InFlightLimit {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly limit: number) {}

  /** Resolves once the task has started, which may mean waiting for a free slot. */
  async start(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    const running: Promise<void> = task().finally(() => this.running.delete(running));
    this.running.add(running);
  }

  /** Resolves when every started task has finished. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
