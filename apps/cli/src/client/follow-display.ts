import type { JetJobs } from '@jetjobs/client';
import { EXIT_INTERRUPTED, type Terminal } from '../operator/terminal';
import { WatchDisplay } from '../operator/watch-display';
import { EXIT_FAILURE, EXIT_OK } from '../usage-error';

/**
 * Follows a job with the SDK (reconnecting with Last-Event-ID, no gap, no repeat) and shows each
 * event: a live display, or with `json` one JSON object per line. Resolves to the exit code: 0
 * completed, 1 failed or cancelled, 130 interrupted.
 */
export async function followAndShow(
  jj: JetJobs,
  jobId: string,
  options: { readonly term: Terminal; readonly json: boolean; readonly signal: AbortSignal; readonly afterVersion?: number },
): Promise<number> {
  const { term, json, signal } = options;
  const display = new WatchDisplay(term.out, term.outIsTTY && !json);
  let last: string | null = null;
  try {
    const onReconnect = ({ afterVersion, reason }: { afterVersion: number; reason: string }) => {
      const note = `connection lost (${reason}); reconnecting after version ${afterVersion}…`;
      if (json) term.err(`${note}\n`);
      else display.note(note);
    };
    for await (const event of jj.jobs.follow(jobId, { signal, onReconnect, afterVersion: options.afterVersion })) {
      if (json) term.out(`${JSON.stringify(event)}\n`);
      else display.show(event);
      last = event.type;
    }
  } finally {
    display.end();
  }
  if (signal.aborted) return EXIT_INTERRUPTED;
  return last === 'JobCompleted' ? EXIT_OK : EXIT_FAILURE;
}
