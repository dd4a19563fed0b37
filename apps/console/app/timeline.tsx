import { useState } from 'react';

export interface TimelineEvent {
  readonly type: string;
  readonly version: number;
  readonly occurred_at: string;
  readonly data: Record<string, unknown>;
  readonly gap_ms: number | null;
  readonly state_after: Record<string, unknown> | null;
}

/** Every event with the wait since the one before, its attempt and worker, and the state it left. */
export function Timeline({ events }: { events: readonly TimelineEvent[] }) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((event) => (
        <li key={event.version} data-event-type={event.type}>
          <span className="version">#{event.version}</span> <strong>{event.type}</strong>{' '}
          <time dateTime={event.occurred_at}>{new Date(event.occurred_at).toLocaleTimeString()}</time>
          {event.gap_ms !== null && <span className="gap"> +{formatGap(event.gap_ms)}</span>}
          {typeof event.data.attempt === 'number' && <span> attempt {event.data.attempt}</span>}
          {typeof event.data.worker_id === 'string' && <span> worker {event.data.worker_id}</span>}
          {typeof event.data.requested_by === 'string' && (
            <span className="audit" data-testid="audit">
              {' '}
              by {event.data.requested_by}: “{String(event.data.comment ?? '')}”
            </span>
          )}
          <button type="button" className="link" aria-expanded={open === event.version} onClick={() => setOpen(open === event.version ? null : event.version)}>
            {open === event.version ? 'hide' : 'details'}
          </button>
          {open === event.version && (
            <div className="details">
              <h3>Data</h3>
              <pre className="json">{JSON.stringify(event.data, null, 2)}</pre>
              <h3>State after</h3>
              <pre className="json">{JSON.stringify(event.state_after, null, 2)}</pre>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

function formatGap(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
