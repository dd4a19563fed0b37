import { useState } from 'react';

/** An API key or a JWT, kept for this tab only. */
export function SignIn({ onSignIn, problem }: { onSignIn: (credential: string) => Promise<void>; problem: string | null }) {
  const [value, setValue] = useState('');
  return (
    <main className="sign-in">
      <h1>jetjobs console</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim() !== '') void onSignIn(value.trim());
        }}
      >
        <label htmlFor="credential">API key or token</label>
        <input id="credential" type="password" autoComplete="off" value={value} onChange={(event) => setValue(event.target.value)} autoFocus />
        <button type="submit">Sign in</button>
        {problem !== null && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <p className="hint">
          Kept in this tab only. For a local sign-in link: <code>npm run -s cli -- console-url --project P</code>
        </p>
      </form>
    </main>
  );
}
