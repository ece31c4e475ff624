import { useState, type FormEvent } from 'react';
import { readToken, type Session } from './session';

/** Sign-in with a token (a real portal mints it after its own login; in development: `npm run portal:token`). */
export function SignIn(props: { onSignIn(session: Session): void; notice: string | null }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const session = readToken(text);
    if (typeof session === 'string') setProblem(session);
    else props.onSignIn(session);
  };
  return (
    <main className="signin">
      <h1>VPN portal</h1>
      {props.notice && <p className="notice">{props.notice}</p>}
      <form onSubmit={submit}>
        <label htmlFor="token">Your access token</label>
        <textarea
          id="token"
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="eyJhbGciOiJIUzI1NiJ9…  (npm run portal:token -- <customerId>)"
        />
        {problem && (
          <p role="alert" className="refusal">
            {problem}
          </p>
        )}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
