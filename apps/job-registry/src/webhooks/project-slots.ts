/**
 * How many deliveries each project has in flight, capped per project: a tenant whose receivers
 * hang (a tarpit that accepts and never answers) holds at most `perProject` of the replica's
 * slots, and every other tenant's webhooks keep the rest.
 */
export class ProjectSlots {
  private readonly inUse = new Map<string, number>();

  constructor(private readonly perProject: number) {}

  /** A slot for the project and the function that gives it back, or null when it has none left. */
  tryEnter(projectId: string): (() => void) | null {
    const used = this.inUse.get(projectId) ?? 0;
    if (used >= this.perProject) return null;
    this.inUse.set(projectId, used + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const remaining = (this.inUse.get(projectId) ?? 1) - 1;
      if (remaining === 0) this.inUse.delete(projectId);
      else this.inUse.set(projectId, remaining);
    };
  }

  /** Deliveries in flight for the project. */
  used(projectId: string): number {
    return this.inUse.get(projectId) ?? 0;
  }
}
