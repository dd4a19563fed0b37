/**
 * Wraps an expensive read (consumer info, a database query) so that scrapes within `ttlMs` share
 * one answer and concurrent scrapes share one request: several Prometheus servers, or one
 * scraping often, must not multiply the load on NATS and PostgreSQL.
 */
export function cachedSample<T>(read: () => Promise<T>, ttlMs: number, now: () => number = Date.now): () => Promise<T> {
  let cached: { readonly at: number; readonly value: Promise<T> } | null = null;
  return () => {
    if (cached !== null && now() - cached.at < ttlMs) return cached.value;
    const value = read();
    const entry = { at: now(), value };
    cached = entry;
    // A failed read is not kept: the next scrape tries again.
    value.catch(() => {
      if (cached === entry) cached = null;
    });
    return value;
  };
}
