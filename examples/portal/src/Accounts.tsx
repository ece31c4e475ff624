import { useQuery } from '@apollo/client/react';
import { PortalAccountsDocument } from './generated/graphql';
import { daysLeft, formatDate } from './format';
import { href } from './route';
import { errorText } from './errors';

/** The customer's accounts (a customer token sees its own only: the server applies the scope). */
export function Accounts() {
  const { data, error, loading, fetchMore } = useQuery(PortalAccountsDocument, { variables: { first: 50 } });
  if (error)
    return (
      <p role="alert" className="refusal">
        {errorText(error)}
      </p>
    );
  if (loading && !data) return <p>Loading your accounts…</p>;
  const edges = data?.accounts?.edges ?? [];
  const pageInfo = data?.accounts?.pageInfo;
  return (
    <section>
      <h2>Your VPN accounts</h2>
      <p className="count" data-testid="account-count">
        {edges.length} {edges.length === 1 ? 'account' : 'accounts'}
      </p>
      <table className="accounts">
        <thead>
          <tr>
            <th>Username</th>
            <th>Provider</th>
            <th>Status</th>
            <th>Expires</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {edges.map(({ node }) => (
            <tr key={node.id} data-account-id={node.id}>
              <td className="username">{node.username}</td>
              <td>{node.provider}</td>
              <td>
                <span className={`status status-${node.status.toLowerCase()}`}>{node.status}</span>
              </td>
              <td>
                {formatDate(node.expiresAt)} <small>{daysLeft(node.expiresAt)}</small>
              </td>
              <td>
                <a href={href({ page: 'account', id: node.id })}>Manage</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pageInfo?.hasNextPage && (
        <button onClick={() => void fetchMore({ variables: { after: pageInfo.endCursor } })}>More</button>
      )}
    </section>
  );
}
