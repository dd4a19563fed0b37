/** How many long-lived responses may be open at once: per project, and on this replica in all. */
export interface SlotLimit {
  readonly perProject: number;
  readonly total: number;
}

/**
 * Counts open long-lived responses (event streams, downloads) per project and in all, on this
 * replica. A slot is taken when one opens and given back when it closes; a project at its cap, or
 * a replica at its total, is refused, so one project's idle streams cannot use up every socket.
 */
export class StreamSlots {
  private readonly open = new Map<string, number>();
  private total = 0;

  constructor(readonly limit: SlotLimit) {
    for (const [name, value] of Object.entries(limit)) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number of at least 1 (got ${value})`);
    }
  }

  /** Takes a slot for `projectId`: the function that gives it back (once), or why there is none. */
  acquire(projectId: string): { readonly release: () => void } | { readonly refused: 'project' | 'total' } {
    const held = this.open.get(projectId) ?? 0;
    if (held >= this.limit.perProject) return { refused: 'project' };
    if (this.total >= this.limit.total) return { refused: 'total' };
    this.open.set(projectId, held + 1);
    this.total++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const left = (this.open.get(projectId) ?? 1) - 1;
        if (left === 0) this.open.delete(projectId);
        else this.open.set(projectId, left);
      },
    };
  }

  /** Slots held now, by one project or in all. */
  held(projectId?: string): number {
    return projectId === undefined ? this.total : (this.open.get(projectId) ?? 0);
  }
}
