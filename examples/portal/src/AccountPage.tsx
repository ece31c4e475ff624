import { useState } from 'react';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import {
  PortalAccountEventsDocument,
  PortalAccountHistoryDocument,
  PortalChangePasswordDocument,
  PortalRenewDocument,
  type PortalEventFragment,
} from './generated/graphql';
import { BandwidthChart } from './BandwidthChart';
import { daysLeft, formatDate } from './format';
import { href } from './route';
import { errorText } from './errors';

/** One account: status (live), expiry, the bandwidth chart, renew, change password, and its history (live). */
export function AccountPage(props: { id: string }) {
  const { data, error, loading } = useQuery(PortalAccountHistoryDocument, {
    variables: { id: props.id },
    // the history grows while the page is closed: show the cached one at once, then the server's
    fetchPolicy: 'cache-and-network',
  });
  const [live, setLive] = useState<PortalEventFragment[]>([]);
  useSubscription(PortalAccountEventsDocument, {
    variables: { accountId: props.id },
    onData: ({ data: next }) => {
      const event = next.data?.accountEvents;
      if (event) setLive((events) => (events.some((e) => e.id === event.id) ? events : [event, ...events]));
    },
  });

  if (error)
    return (
      <p role="alert" className="refusal">
        {errorText(error)}
      </p>
    );
  if (loading && !data) return <p>Loading…</p>;
  const account = data?.account;
  if (!account) return <p role="alert">No such account.</p>;

  const past = account.history.edges.map((e) => e.node);
  const events = [...live, ...past.filter((e) => !live.some((l) => l.id === e.id))];
  // the newest event that says a status wins over the status read when the page opened
  const liveStatus = live.map((e) => e.after?.status).find((s): s is string => typeof s === 'string');
  const status = liveStatus ?? account.status;

  return (
    <section>
      <p>
        <a href={href({ page: 'accounts' })}>← All accounts</a>
      </p>
      <h2>
        {account.username} <small>{account.provider}</small>
      </h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <span data-testid="account-status" className={`status status-${status.toLowerCase()}`}>
            {status}
          </span>
        </dd>
        <dt>Expires</dt>
        <dd data-testid="account-expiry">
          {formatDate(account.expiresAt)} <small>{daysLeft(account.expiresAt)}</small>
        </dd>
      </dl>
      <BandwidthChart accountId={account.id} />
      <Renew accountId={account.id} />
      <ChangePassword accountId={account.id} />
      <section>
        <h3>History</h3>
        <ol className="timeline" data-testid="timeline">
          {events.map((e) => (
            <li key={e.id} data-kind={e.kind}>
              <time dateTime={e.at}>{e.at.replace('T', ' ').slice(0, 19)}</time> <strong>{e.kind}</strong> {describe(e)}
            </li>
          ))}
        </ol>
      </section>
    </section>
  );
}

function describe(e: PortalEventFragment): string {
  const before = e.before ?? {};
  const after = e.after ?? {};
  if (typeof after.status === 'string' && after.status !== before.status) {
    return `${typeof before.status === 'string' ? before.status : '?'} → ${after.status}`;
  }
  if (typeof after.expiresAt === 'string') return `expires ${formatDate(after.expiresAt)}`;
  return '';
}

function Renew(props: { accountId: string }) {
  const [periodDays, setPeriodDays] = useState(30);
  const [renew, { data, error, loading }] = useMutation(PortalRenewDocument);
  const refusal = data?.renewAccount.userErrors[0];
  const renewed = data?.renewAccount.account && !refusal ? data.renewAccount.account : null;
  return (
    <section className="renew">
      <h3>Renew</h3>
      <label>
        Add{' '}
        <select value={periodDays} onChange={(e) => setPeriodDays(Number(e.target.value))}>
          <option value={30}>30 days</option>
          <option value={90}>90 days</option>
          <option value={365}>365 days</option>
        </select>
      </label>{' '}
      <button
        disabled={loading}
        onClick={() =>
          // a fresh idempotency key per click: a retry of the same request replays, a double-click pays once
          void renew({
            variables: { input: { accountId: props.accountId, periodDays, idempotencyKey: crypto.randomUUID() } },
          })
        }
      >
        Renew
      </button>
      {refusal && (
        <p role="alert" className="refusal" data-testid="renew-refusal">
          {refusal.message}
        </p>
      )}
      {error && (
        <p role="alert" className="refusal" data-testid="renew-refusal">
          {errorText(error)}
        </p>
      )}
      {renewed && (
        <p className="ok" data-testid="renew-done">
          Renewed: now expires {formatDate(renewed.expiresAt)}.
        </p>
      )}
    </section>
  );
}

function ChangePassword(props: { accountId: string }) {
  const [change, { data, error, loading, reset }] = useMutation(PortalChangePasswordDocument);
  const refusal = data?.changeAccountPassword.userErrors[0];
  const password = data?.changeAccountPassword.password ?? null;
  return (
    <section className="password">
      <h3>VPN password</h3>
      {!password && (
        <button
          disabled={loading}
          onClick={() =>
            void change({ variables: { input: { accountId: props.accountId, idempotencyKey: crypto.randomUUID() } } })
          }
        >
          Generate a new password
        </button>
      )}
      {password && (
        <div className="once" data-testid="new-password">
          <p>Your new password, shown this once (it is not stored anywhere): copy it now.</p>
          <code data-testid="password-value">{password}</code> <button onClick={() => reset()}>I have copied it</button>
        </div>
      )}
      {refusal && (
        <p role="alert" className="refusal">
          {refusal.message}
        </p>
      )}
      {error && (
        <p role="alert" className="refusal">
          {errorText(error)}
        </p>
      )}
    </section>
  );
}
