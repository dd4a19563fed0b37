import { useCallback, useEffect, useState } from 'react';
import { api, type Me } from './api';
import { forgetCredential, readCredential, storeCredential, takeFragmentToken } from './credential';
import { namespaceColour } from './environment';
import { FailuresPage } from './failures-page';
import { JobPage } from './job-page';
import { JobsPage } from './jobs-page';
import { Link } from './link';
import { OperationsPage } from './operations-page';
import { useLocation } from './router';
import { SignIn } from './sign-in';

export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const location = useLocation();

  const signIn = useCallback(async (credential: string) => {
    storeCredential(credential);
    try {
      setMe(await api<Me>('/v1/console/me'));
      setProblem(null);
    } catch (error) {
      forgetCredential();
      setMe(null);
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }, []);

  useEffect(() => {
    const fromLink = takeFragmentToken() ?? readCredential();
    if (fromLink !== null) void signIn(fromLink);
  }, [signIn]);

  useEffect(() => {
    document.title = me === null ? 'jetjobs console' : `[${me.namespace}] jetjobs console`;
  }, [me]);

  if (me === null) return <SignIn onSignIn={signIn} problem={problem} />;
  const jobMatch = /^\/jobs\/([0-9a-fA-F-]{36})$/.exec(location.path);
  return (
    <>
      <header className="top" style={{ background: namespaceColour(me.namespace) }}>
        <span className="env" data-testid="namespace">
          {me.namespace}
        </span>
        <nav aria-label="Pages">
          <Link to="/">Jobs</Link>
          {me.operator && <Link to="/failures">Failures</Link>}
          {me.operator && <Link to="/operations">Operations</Link>}
        </nav>
        <span className="who">
          {me.operator ? (me.can_act ? 'operator' : 'operator (read-only)') : `project ${me.project_id}`}
          <button
            type="button"
            onClick={() => {
              forgetCredential();
              setMe(null);
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      <main>
        {jobMatch?.[1] !== undefined ? (
          <JobPage me={me} jobId={jobMatch[1].toLowerCase()} />
        ) : location.path === '/failures' && me.operator ? (
          <FailuresPage me={me} />
        ) : location.path === '/operations' && me.operator ? (
          <OperationsPage />
        ) : (
          <JobsPage me={me} search={location.search} />
        )}
      </main>
    </>
  );
}
