import { useCallback, useEffect, useState } from 'react';
import { api, type FeedEvent, type JobJson, type Me } from './api';
import { Link } from './link';
import { followFeed } from './live-feed';
import { navigate } from './router';
import { StatusBadge } from './status-badge';

const FILTERS = ['q', 'kind', 'status', 'error_code', 'since', 'project'] as const;

/**
 * The live list: one page from the projection, then moved forward by the feed (a new job appears
 * at the top, a status changes in place) with no polling. Filters are the query string.
 */
export function JobsPage({ me, search }: { me: Me; search: URLSearchParams }) {
  const [jobs, setJobs] = useState<JobJson[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    const value = search.get(name);
    if (value !== null && value !== '' && (name !== 'project' || me.operator)) query.set(name, value);
  }
  const queryText = query.toString();
  const base = me.operator ? '/v1/admin/jobs' : '/v1/console/jobs';

  const load = useCallback(async () => {
    try {
      const page = await api<{ items: JobJson[]; next_cursor: string | null }>(`${base}?${queryText}`);
      setJobs(page.items);
      setNext(page.next_cursor);
      setProblem(null);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }, [base, queryText]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const filtered = new URLSearchParams(queryText);
    return followFeed({
      ready: () => setLive(true),
      reset: () => void load(),
      event: (event) => setJobs((current) => applyEvent(current, event, filtered)),
    });
  }, [load, queryText]);

  const more = async () => {
    if (next === null) return;
    const page = await api<{ items: JobJson[]; next_cursor: string | null }>(`${base}?${queryText}&cursor=${encodeURIComponent(next)}`);
    setJobs((current) => [...current, ...page.items]);
    setNext(page.next_cursor);
  };

  return (
    <section>
      <h1>
        Jobs{' '}
        <span className="live" data-testid="live" data-live={live}>
          {live ? 'live' : 'connecting…'}
        </span>
      </h1>
      <form
        className="filters"
        aria-label="Filters"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const params = new URLSearchParams();
          for (const name of FILTERS) {
            const value = String(data.get(name) ?? '').trim();
            if (value !== '') params.set(name, name === 'since' ? new Date(value).toISOString() : value);
          }
          navigate(`/?${params.toString()}`);
        }}
      >
        <label className="wide">
          Search <input name="q" defaultValue={search.get('q') ?? ''} placeholder='job id prefix, {"input":"json"} or result:{"json"}' />
        </label>
        <label>
          Kind <input name="kind" defaultValue={search.get('kind') ?? ''} size={10} />
        </label>
        <label>
          Status
          <select name="status" defaultValue={search.get('status') ?? ''}>
            <option value="">any</option>
            {['queued', 'processing', 'completed', 'failed', 'cancelled'].map((status) => (
              <option key={status}>{status}</option>
            ))}
          </select>
        </label>
        <label>
          Error code <input name="error_code" defaultValue={search.get('error_code') ?? ''} size={12} />
        </label>
        <label>
          Since <input name="since" type="datetime-local" />
        </label>
        {me.operator && (
          <label>
            Project <input name="project" defaultValue={search.get('project') ?? ''} size={10} />
          </label>
        )}
        <button type="submit">Search</button>
      </form>
      {problem !== null && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <table className="jobs">
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Kind</th>
            {me.operator && <th scope="col">Project</th>}
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} data-job-id={job.id}>
              <td>
                <Link to={`/jobs/${job.id}`} className="mono">
                  {job.id}
                </Link>
              </td>
              <td>{job.kind}</td>
              {me.operator && <td>{job.project_id}</td>}
              <td>
                <StatusBadge status={job.status} />
              </td>
              <td>{job.progress === undefined ? '' : `${Math.round(job.progress)}%`}</td>
              <td>{new Date(job.created_at).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {jobs.length === 0 && problem === null && <p className="empty">No jobs match.</p>}
      {next !== null && (
        <button type="button" onClick={() => void more()}>
          More
        </button>
      )}
    </section>
  );
}

/** Moves the list forward by one event: in place for a listed job, at the top for a new one. */
function applyEvent(jobs: JobJson[], event: FeedEvent, filters: URLSearchParams): JobJson[] {
  const index = jobs.findIndex((job) => job.id === event.job_id);
  if (index >= 0) {
    const job = jobs[index] as JobJson;
    const progress = typeof event.data.progress === 'number' ? event.data.progress : job.progress;
    const updated: JobJson = { ...job, status: event.status ?? job.status, progress: event.type === 'JobCompleted' ? 100 : progress };
    return [...jobs.slice(0, index), updated, ...jobs.slice(index + 1)];
  }
  if (event.type !== 'JobSubmitted' || !admits(filters, event)) return jobs;
  const created: JobJson = { id: event.job_id, kind: event.kind, status: 'queued', project_id: event.project_id, progress: 0, created_at: event.occurred_at };
  return [created, ...jobs];
}

/** Whether a just-submitted job belongs in a list with these filters (a search reloads instead). */
function admits(filters: URLSearchParams, event: FeedEvent): boolean {
  if (filters.has('q') || filters.has('error_code')) return false;
  const status = filters.get('status');
  if (status !== null && !status.split(',').includes('queued')) return false;
  const kind = filters.get('kind');
  const project = filters.get('project');
  return (kind === null || kind === event.kind) && (project === null || project === event.project_id);
}
