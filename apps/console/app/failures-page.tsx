import { useCallback, useEffect, useState } from 'react';
import { api, type Me } from './api';
import { Link } from './link';

interface Group {
  readonly kind: string;
  readonly error_code: string;
  readonly count: number;
  readonly last_failed_at: string;
}

interface RedriveAnswer {
  readonly dry_run: boolean;
  readonly matching: number;
  readonly job_ids?: readonly string[];
  readonly redriven?: readonly string[];
}

/**
 * Failed jobs by kind and error code, and a redrive of everything a filter matches: first a dry
 * run counts them, then the operator gives a reason and types the confirmation the server checks.
 */
export function FailuresPage({ me }: { me: Me }) {
  const [groups, setGroups] = useState<Group[]>([]);
  const [filter, setFilter] = useState<{ kind?: string; error_code?: string; project?: string }>({});
  const [count, setCount] = useState<RedriveAnswer | null>(null);
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState('');
  const [outcome, setOutcome] = useState<RedriveAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    setGroups((await api<{ groups: Group[] }>('/v1/admin/failure-groups')).groups);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const run = async (dryRun: boolean) => {
    try {
      setProblem(null);
      const body = { filter, dry_run: dryRun, ...(dryRun ? {} : { reason, confirm }) };
      const answer = await api<RedriveAnswer>('/v1/admin/redrive', { method: 'POST', body });
      if (dryRun) setCount(answer);
      else {
        setOutcome(answer);
        setCount(null);
        setConfirm('');
        void load();
      }
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  const expected = count === null ? '' : `redrive ${count.matching}`;
  return (
    <section>
      <h1>Failures</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Error code</th>
            <th scope="col">Jobs</th>
            <th scope="col">Last failure</th>
            <th scope="col"></th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={`${group.kind}/${group.error_code}`} data-group={`${group.kind}/${group.error_code}`}>
              <td>{group.kind}</td>
              <td>{group.error_code}</td>
              <td>{group.count}</td>
              <td>{new Date(group.last_failed_at).toLocaleString()}</td>
              <td>
                <button type="button" onClick={() => { setFilter({ kind: group.kind, error_code: group.error_code }); setCount(null); setOutcome(null); }}>
                  Select
                </button>{' '}
                <Link to={`/?status=failed&kind=${group.kind}&error_code=${encodeURIComponent(group.error_code)}`}>Jobs</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups.length === 0 && <p className="empty">No failed jobs.</p>}
      <h2>Redrive</h2>
      <form className="filters" aria-label="Redrive filter" onSubmit={(event) => { event.preventDefault(); void run(true); }}>
        <label>
          Kind <input value={filter.kind ?? ''} onChange={(e) => setFilter({ ...filter, kind: e.target.value || undefined })} />
        </label>
        <label>
          Error code <input value={filter.error_code ?? ''} onChange={(e) => setFilter({ ...filter, error_code: e.target.value || undefined })} />
        </label>
        <label>
          Project <input value={filter.project ?? ''} onChange={(e) => setFilter({ ...filter, project: e.target.value || undefined })} />
        </label>
        <button type="submit">Count matching (dry run)</button>
      </form>
      {count !== null && (
        <form className="confirm" aria-label="Confirm redrive" onSubmit={(event) => { event.preventDefault(); void run(false); }}>
          <p data-testid="dry-run-count">{count.matching} failed jobs match.</p>
          {me.can_act ? (
            <>
              <label>
                Reason <input name="reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
              <label>
                Type <code>{expected}</code> to confirm <input name="confirm" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
              </label>
              <button type="submit" disabled={confirm !== expected || reason.trim() === '' || count.matching === 0}>
                Redrive {count.matching} jobs
              </button>
            </>
          ) : (
            <p>Read-only operators cannot redrive.</p>
          )}
        </form>
      )}
      {problem !== null && <p role="alert" className="error">{problem}</p>}
      {outcome !== null && (
        <div role="status" data-testid="redrive-outcome">
          <p>Redriven {outcome.redriven?.length ?? 0} jobs:</p>
          <ul>
            {(outcome.redriven ?? []).map((id) => (
              <li key={id}><Link to={`/jobs/${id}`} className="mono">{id}</Link></li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
