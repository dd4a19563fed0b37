import type { EventStore } from '@jetjobs/event-store';

/**
 * Follows one job's subject while its attempt runs and calls `onCancel` when a cancel is
 * requested. Reads through an ordered consumer from the session's last sequence, as every
 * reader of events must (a core subscription would also see rejected publishes).
 */
export function watchForCancellation(store: EventStore, kind: string, jobId: string, fromSeq: number, onCancel: () => void): () => void {
  const controller = new AbortController();
  const subject = store.names.jobSubject(kind, jobId);
  void (async () => {
    try {
      for await (const { event } of store.replay({ subject, fromSeq, follow: true, signal: controller.signal })) {
        if (event.type === 'JobCancelRequested') onCancel();
      }
    } catch {
      // The watch ends with the attempt; a failure to follow only delays the cancel until the
      // next append, which reloads and sees it.
    }
  })();
  return () => controller.abort();
}
