import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type JobJson, type Me } from './api';
import { followFeed } from './live-feed';
import { MediaPlayer, mediaPaths } from './media-player';
import { StatusBadge } from './status-badge';
import { Timeline, type TimelineEvent } from './timeline';

interface JobDetail {
  readonly job: JobJson;
  readonly events: readonly TimelineEvent[];
}

/**
 * One job: its state, outputs with players, the timeline of every event (filled live: the feed
 * says something happened and the page reads the job again, at most every 250 ms), and actions.
 */
export function JobPage({ me, jobId }: { me: Me; jobId: string }) {
  const [detail, setDetail] = useState<JobDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      setDetail(await api<JobDetail>(`/v1/console/jobs/${jobId}`));
      setProblem(null);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }, [jobId]);

  useEffect(() => {
    void load();
    const soon = () => {
      clearTimeout(pending.current);
      pending.current = setTimeout(() => void load(), 250);
    };
    const stop = followFeed({ event: soon, reset: soon }, jobId);
    return () => {
      stop();
      clearTimeout(pending.current);
    };
  }, [jobId, load]);

  const act = async (action: 'cancel' | 'retry') => {
    try {
      await api(`/v1/jobs/${jobId}/${action}`, { method: 'POST', body: {} });
      setNotice(`${action} requested`);
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
    }
  };

  if (problem !== null) return <p role="alert" className="error">{problem}</p>;
  if (detail === null) return <p>Loading…</p>;
  const { job, events } = detail;
  const media = mediaPaths([job.outputs, job.result]);
  const origin = window.location.origin;
  const curl = `curl -H "Authorization: Bearer $JETJOBS_TOKEN" ${origin}/v1/jobs/${job.id}`;
  const sdk = `const job = await client.jobs.get('${job.id}');`;
  const ownJob = job.project_id === me.project_id && !me.operator;
  return (
    <section>
      <h1>
        Job <span className="mono" data-testid="job-id">{job.id}</span>
      </h1>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="job-status"><StatusBadge status={job.status} /></dd>
        <dt>Kind</dt>
        <dd>{job.kind}</dd>
        <dt>Project</dt>
        <dd>{job.project_id}</dd>
        <dt>Attempt</dt>
        <dd>{String(job.attempt ?? '')}</dd>
        <dt>Progress</dt>
        <dd>
          <progress max={100} value={job.progress ?? 0} aria-label="progress" /> {Math.round(job.progress ?? 0)}%
        </dd>
        {job.error && (
          <>
            <dt>Error</dt>
            <dd className="error">{job.error.code}: {job.error.message}</dd>
          </>
        )}
      </dl>
      <div className="actions">
        {me.can_act && ownJob && (
          <>
            <button type="button" onClick={() => void act('cancel')}>Cancel</button>
            <button type="button" onClick={() => void act('retry')}>Retry</button>
          </>
        )}
        <button type="button" onClick={() => void navigator.clipboard?.writeText(curl)}>Copy as curl</button>
        <button type="button" onClick={() => void navigator.clipboard?.writeText(sdk)}>Copy SDK call</button>
        {notice !== null && <span role="status">{notice}</span>}
      </div>
      {media.length > 0 && (
        <>
          <h2>Media</h2>
          <div className="media">
            {media.map((path) => <MediaPlayer key={path} jobId={job.id} path={path} operator={me.operator} />)}
          </div>
        </>
      )}
      <h2>Input</h2>
      <pre className="json">{JSON.stringify(job.input, null, 2)}</pre>
      {job.result !== undefined && job.result !== null && (
        <>
          <h2>Result</h2>
          <pre className="json" data-testid="job-result">{JSON.stringify(job.result, null, 2)}</pre>
        </>
      )}
      {job.logs !== undefined && job.logs.length > 0 && (
        <>
          <h2>Logs</h2>
          <pre className="logs">{job.logs.map((log) => `${log.at} ${log.level} ${log.line}`).join('\n')}</pre>
        </>
      )}
      <h2>Timeline</h2>
      <Timeline events={events} />
    </section>
  );
}
