import { useEffect, useState } from 'react';
import { api } from './api';
import { BarChart } from './bar-chart';

interface Operations {
  readonly namespace: string;
  readonly streams: readonly { name: string; messages: number; bytes: number; last_seq: number; consumers: number }[];
  readonly consumers: readonly { stream: string; name: string; kind: string | null; lag: number; pending: number | null; ack_pending: number | null; redelivered: number | null }[];
  readonly projections: readonly { name: string; checkpoint: number; lag: number; updated_at: string }[];
  readonly rebuild: { checkpoint: number } | null;
  readonly status_counts: Readonly<Record<string, number>>;
  readonly series: readonly { minute: string; completed: number; failed: number; mean_latency_ms: number | null }[];
}

/** Streams, consumers and their lag, the projection's checkpoint, and the last hour in charts. */
export function OperationsPage() {
  const [ops, setOps] = useState<Operations | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const load = () => api<Operations>('/v1/admin/operations').then(setOps, (e: unknown) => setProblem(String(e)));
    void load();
    // The lag is a reading of the broker, not an event: it is read again while the page is open.
    const timer = setInterval(() => void load(), 5_000);
    return () => clearInterval(timer);
  }, []);
  if (problem !== null) return <p role="alert" className="error">{problem}</p>;
  if (ops === null) return <p>Loading…</p>;
  const minute = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <section>
      <h1>Operations</h1>
      <h2>Streams</h2>
      <table data-testid="streams">
        <thead><tr><th scope="col">Stream</th><th scope="col">Messages</th><th scope="col">Bytes</th><th scope="col">Last sequence</th><th scope="col">Consumers</th></tr></thead>
        <tbody>{ops.streams.map((s) => <tr key={s.name}><td>{s.name}</td><td>{s.messages}</td><td>{s.bytes}</td><td>{s.last_seq}</td><td>{s.consumers}</td></tr>)}</tbody>
      </table>
      <h2>Consumers</h2>
      <table data-testid="consumers">
        <thead><tr><th scope="col">Consumer</th><th scope="col">Stream</th><th scope="col">Worker kind</th><th scope="col">Pending</th><th scope="col">Ack pending</th><th scope="col">Redelivered</th><th scope="col">Lag</th></tr></thead>
        <tbody>
          {ops.consumers.map((c) => (
            <tr key={`${c.stream}/${c.name}`}><td>{c.name}</td><td>{c.stream}</td><td>{c.kind ?? ''}</td><td>{c.pending ?? '?'}</td><td>{c.ack_pending ?? '?'}</td><td>{c.redelivered ?? '?'}</td><td>{c.lag}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>Projection</h2>
      <table data-testid="projections">
        <thead><tr><th scope="col">Projection</th><th scope="col">Checkpoint</th><th scope="col">Lag</th><th scope="col">Updated</th></tr></thead>
        <tbody>{ops.projections.map((p) => <tr key={p.name}><td>{p.name}</td><td>{p.checkpoint}</td><td>{p.lag}</td><td>{new Date(p.updated_at).toLocaleString()}</td></tr>)}</tbody>
      </table>
      <p>Rebuild: {ops.rebuild === null ? 'none under way' : `unfinished, at sequence ${ops.rebuild.checkpoint}`}</p>
      <p>Jobs by status: {Object.entries(ops.status_counts).map(([status, n]) => `${status} ${n}`).join(', ') || 'none'}</p>
      <div className="charts">
        <BarChart title="Completed per minute" points={ops.series.map((p) => ({ label: minute(p.minute), value: p.completed }))} />
        <BarChart title="Failed per minute" points={ops.series.map((p) => ({ label: minute(p.minute), value: p.failed }))} />
        <BarChart title="Mean latency per minute" unit=" ms" points={ops.series.map((p) => ({ label: minute(p.minute), value: Math.round(p.mean_latency_ms ?? 0) }))} />
      </div>
    </section>
  );
}
