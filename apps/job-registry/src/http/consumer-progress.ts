/** What readiness needs to know about one consumer at one look. */
export interface ConsumerSnapshot {
  /** Messages not yet delivered to the consumer. */
  readonly pending: number;
  /** Stream sequence of the last message delivered. */
  readonly deliveredSeq: number;
}

/**
 * Tells a consumer that is stuck from one that is merely busy: stuck means messages wait to be
 * delivered while nothing has been delivered for `stallMs`. Unacknowledged messages alone are
 * no sign of trouble here: the dispatcher and the webhooks hold events on purpose until a retry
 * falls due.
 */
export class ConsumerProgress {
  private readonly last = new Map<string, { readonly deliveredSeq: number; readonly movedAt: number }>();

  constructor(private readonly stallMs: number) {}

  /** Null when the consumer moves (or has nothing to do), else why it counts as stuck. */
  check(name: string, snapshot: ConsumerSnapshot, now: number): string | null {
    const previous = this.last.get(name);
    if (previous === undefined || previous.deliveredSeq !== snapshot.deliveredSeq || snapshot.pending === 0) {
      this.last.set(name, { deliveredSeq: snapshot.deliveredSeq, movedAt: now });
      return null;
    }
    const still = now - previous.movedAt;
    return still >= this.stallMs ? `consumer ${name} has ${snapshot.pending} messages waiting and delivered none for ${Math.round(still / 1000)} s` : null;
  }
}
