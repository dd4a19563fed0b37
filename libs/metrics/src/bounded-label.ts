/**
 * Keeps a label's values bounded: the first `max` distinct values are kept as they are, later
 * ones become `other`. Every label value is a time series in Prometheus, so a value a client
 * chooses (a job kind queued for a worker that does not exist yet) must not grow them forever.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly max = 64,
    private readonly other = 'other',
  ) {}

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return this.other;
    this.seen.add(value);
    return value;
  }
}
