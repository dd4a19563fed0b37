import { api, type FeedEvent } from './api';

interface FeedHandlers {
  event(event: FeedEvent): void;
  /** The feed may have missed events (it broke, or reconnected): reload what is shown. */
  reset(): void;
  /** The feed is open: from now on no change is missed. */
  ready?(): void;
}

/**
 * Follows the job changes this credential may read. EventSource cannot send a header, so the
 * console first trades its credential (sent as a header) for a short-lived, read-only feed token
 * and only that token goes in the URL. On any error a fresh token is fetched and the feed reopened.
 */
export function followFeed(handlers: FeedHandlers, jobId?: string): () => void {
  let source: EventSource | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const open = async () => {
    try {
      const { token } = await api<{ token: string }>('/v1/console/feed-token', { method: 'POST' });
      if (closed) return;
      const params = new URLSearchParams({ access_token: token });
      if (jobId !== undefined) params.set('job', jobId);
      source = new EventSource(`/v1/console/feed?${params.toString()}`);
      source.addEventListener('reset', () => handlers.reset());
      source.addEventListener('ready', () => {
        handlers.ready?.();
        handlers.reset();
      });
      source.onmessage = (message: MessageEvent<string>) => handlers.event(JSON.parse(message.data) as FeedEvent);
      source.onerror = () => {
        source?.close();
        schedule();
      };
    } catch {
      schedule();
    }
  };
  const schedule = () => {
    if (!closed) retry = setTimeout(() => void open(), 2_000);
  };
  void open();
  return () => {
    closed = true;
    clearTimeout(retry);
    source?.close();
  };
}

