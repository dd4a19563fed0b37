import { CodedError, kindSchema, type Names } from '@jetjobs/contracts';
import type { EventStore } from '@jetjobs/event-store';

/** How long a listing of the work consumers is trusted before a submit lists them again. */
const FRESH_MS = 5_000;

/**
 * Which kinds some worker runs. Only workers create a kind's work consumer (`work-<kind>`, when
 * they start and bind it), so a kind is served exactly when its consumer exists on WORK. A job of
 * any other kind would wait forever; it is refused instead. The listing is cached for a few
 * seconds (one request per submit would double the registry's NATS traffic), and a kind missing
 * from a cached listing is looked up again before it is refused, so a worker that has just
 * started is seen at once.
 */
export class ServedKinds {
  private cached: { kinds: ReadonlySet<string>; at: number } | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly names: Names,
  ) {}

  /** Throws a `kind_not_served` CodedError naming the kinds that are served. */
  async assertServed(kind: string): Promise<void> {
    const cached = this.cached;
    if (cached !== null && Date.now() - cached.at < FRESH_MS && cached.kinds.has(kind)) return;
    const kinds = await this.list();
    if (kinds.has(kind)) return;
    const served = [...kinds].sort();
    throw new CodedError(
      'kind_not_served',
      `No worker runs kind "${kind}", so the job would never start; kinds served now: ${served.length > 0 ? served.join(', ') : 'none'}`,
    );
  }

  private async list(): Promise<ReadonlySet<string>> {
    const prefix = this.names.workSubject('x').slice(0, -1);
    const kinds = new Set<string>();
    for await (const consumer of this.store.jsm.consumers.list(this.names.workStream)) {
      const subject = consumer.config.filter_subject ?? '';
      const kind = subject.slice(prefix.length);
      if (subject.startsWith(prefix) && kindSchema.safeParse(kind).success && consumer.name === this.names.workConsumer(kind)) kinds.add(kind);
    }
    this.cached = { kinds, at: Date.now() };
    return kinds;
  }
}
