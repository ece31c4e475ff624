import { useEffect, useMemo, useRef, useState } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { Accounts } from './Accounts';
import { AccountPage } from './AccountPage';
import { Operator } from './Operator';
import { SignIn } from './SignIn';
import { clientFor, keepSession, storedSession, type Session } from './session';
import { href, useRoute } from './route';

export function App() {
  const [session, setSession] = useState<Session | null>(storedSession);
  const [notice, setNotice] = useState<string | null>(null);
  // A client's socket may close after its session was replaced (signed out, or another token): only the current
  // session's client ends the session.
  const current = useRef(session);
  current.current = session;
  const client = useMemo(
    () => (session ? clientFor(session, (notice) => current.current === session && signOut(notice)) : null),
    [session],
  );
  const route = useRoute();

  useEffect(() => () => client?.stop(), [client]);
  // The token's expiry ends the session. The server closes the subscription socket then too (4401), and with
  // 4403 when it refuses the token: clientFor's onEnded signs out with the reason, whatever this clock says.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(
      () => signOut('Your session expired: sign in again.'),
      Math.max(0, session.expiresAt * 1000 - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [session]);

  function signIn(next: Session) {
    keepSession(next);
    setNotice(null);
    setSession(next);
    window.location.hash = href(next.role === 'customer' ? { page: 'accounts' } : { page: 'operator', bulkId: null });
  }
  function signOut(message: string | null) {
    keepSession(null);
    setNotice(message);
    setSession(null);
  }

  if (!session || !client) return <SignIn onSignIn={signIn} notice={notice} />;
  const customer = session.role === 'customer';
  return (
    <ApolloProvider client={client}>
      <header className="top">
        <strong>VPN portal</strong>
        <nav>
          {customer && <a href={href({ page: 'accounts' })}>Accounts</a>}
          {!customer && <a href={href({ page: 'operator', bulkId: null })}>Operator</a>}
        </nav>
        <span className="who" data-testid="who">
          {session.role} · {session.subject.length > 28 ? `${session.subject.slice(0, 28)}…` : session.subject}
        </span>
        <button onClick={() => signOut(null)}>Sign out</button>
      </header>
      <main>
        {/* the role's pages only: right after sign-in the route may still be the previous one's */}
        {customer && route.page === 'accounts' && <Accounts />}
        {customer && route.page === 'account' && <AccountPage key={route.id} id={route.id} />}
        {!customer && route.page === 'operator' && <Operator bulkId={route.bulkId} />}
      </main>
    </ApolloProvider>
  );
}
