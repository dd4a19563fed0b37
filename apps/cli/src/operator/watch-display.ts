import { progressBar } from './progress';

/** An event of the job's SSE stream, as the gateway sends it (snake_case data). */
export interface StreamEvent {
  readonly job_id: string;
  readonly type: string;
  readonly version: number;
  readonly occurred_at: string;
  readonly data: Record<string, unknown>;
}

export const TERMINAL_EVENTS = new Set(['JobCompleted', 'JobFailed', 'JobCancelled']);

/**
 * Shows a job's events as they arrive. On a terminal, the progress bar and stage detail stay on
 * the last line, redrawn in place, with log lines and milestones printed above it; elsewhere
 * every event is one plain line.
 */
export class WatchDisplay {
  private bar: string | null = null;

  constructor(
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
  ) {}

  show(event: StreamEvent): void {
    if (event.type === 'JobProgressed') return this.progress(event);
    const line = describe(event);
    if (line !== null) this.print(`${time(event)}  ${line}`);
  }

  /** A note about the connection itself (reconnecting…), kept apart from the job's own lines. */
  note(text: string): void {
    this.print(`${new Date().toISOString().slice(11, 19)}  ${text}`);
  }

  end(): void {
    if (this.tty && this.bar !== null) this.write('\n');
    this.bar = null;
  }

  private progress(event: StreamEvent): void {
    const { progress, detail, frames_completed: done, frame_count: total } = event.data as {
      progress: number; detail: string | null; frames_completed: number | null; frame_count: number | null;
    };
    const frames = done !== null && done !== undefined && total ? ` ${done}/${total} frames` : '';
    const text = `${progressBar(progress / 100)} ${String(Math.round(progress)).padStart(3)}%${frames}${detail ? `  ${detail}` : ''}`;
    if (!this.tty) return this.write(`${time(event)}  ${text}\n`);
    this.bar = text;
    this.write(`\r${text}\x1b[K`);
  }

  private print(line: string): void {
    if (!this.tty) return this.write(`${line}\n`);
    this.write(`\r\x1b[K${line}\n${this.bar ?? ''}`);
  }
}

function time(event: StreamEvent): string {
  return event.occurred_at.slice(11, 19);
}

function describe({ type, data }: StreamEvent): string | null {
  const error = data['error'] as { code: string; message: string } | undefined;
  switch (type) {
    case 'JobSubmitted':
      return 'queued';
    case 'JobStarted':
      return `attempt ${data['attempt']} started on ${data['worker_id']}`;
    case 'JobLogged':
      return `[${data['level']}] ${data['line']}`;
    case 'JobOutputAdded':
      return `output ${JSON.stringify(data['output'])}`;
    case 'JobAttemptFailed':
      return `attempt ${data['attempt']} failed: ${error?.code}: ${error?.message}`;
    case 'JobRetryScheduled':
      return `attempt ${data['attempt']} scheduled for ${data['due_at']} (${data['reason']}${data['comment'] ? `: ${data['comment']}` : ''})`;
    case 'JobCompleted':
      return `completed: ${JSON.stringify(data['result'] ?? null)}`;
    case 'JobFailed':
      return `failed: ${error?.code}: ${error?.message}`;
    case 'JobCancelRequested':
      return `cancel requested${data['reason'] ? `: ${data['reason']}` : ''}`;
    case 'JobCancelled':
      return `cancelled${data['reason'] ? `: ${data['reason']}` : ''}`;
    default:
      return type;
  }
}
