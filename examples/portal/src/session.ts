import { vpnGraphApollo } from '../../../test/client/apollo-recipe';

/** A signed-in session: the bearer token and what its payload says (the server verifies it; this only displays). */
export interface Session {
  token: string;
  role: string;
  subject: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const STORAGE_KEY = 'vpn-portal-token';

/** The API: `?api=` on the page's URL, else VITE_API_URL at build time, else a local `npm start`. */
export function apiUrl(): string {
  const fromPage = new URLSearchParams(window.location.search).get('api');
  const fromBuild = import.meta.env.VITE_API_URL as string | undefined;
  return fromPage ?? fromBuild ?? 'http://localhost:4000/graphql';
}

/** Reads a JWT's payload (no verification: the API does that on every request). A string is the problem. */
export function readToken(raw: string): Session | string {
  const token = raw.trim().replace(/^bearer\s+/i, '');
  const parts = token.split('.');
  if (parts.length !== 3) return 'That is not a token: a JWT has three parts separated by dots.';
  let payload: Record<string, unknown>;
  try {
    const json = atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/'));
    payload = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return 'That token does not decode.';
  }
  const exp = typeof payload.exp === 'number' ? payload.exp : 0;
  if (exp * 1000 <= Date.now()) return 'That token has expired: mint a new one.';
  return {
    token,
    role: typeof payload.role === 'string' ? payload.role : 'unknown',
    subject: typeof payload.sub === 'string' ? payload.sub : '',
    expiresAt: exp,
  };
}

export function storedSession(): Session | null {
  const token = sessionStorage.getItem(STORAGE_KEY);
  if (!token) return null;
  const session = readToken(token);
  return typeof session === 'string' ? null : session;
}

export function keepSession(session: Session | null): void {
  if (session) sessionStorage.setItem(STORAGE_KEY, session.token);
  else sessionStorage.removeItem(STORAGE_KEY);
}

/** What the sign-in page says when the server ended the session's socket (graphql-ws close code). */
export function endedNotice(code: 4401 | 4403, reason: string): string {
  return code === 4401
    ? 'Your session expired: sign in again.'
    : `The server refused your session${reason ? ` (${reason.replace(/\.$/, '')})` : ''}: sign in again.`;
}

/**
 * The tested Apollo Client 4 recipe (type policies, graphql-ws link) with the session's bearer token; `onEnded`
 * when the server closes the subscription socket for the token (4401 expired, 4403 refused or revoked), even
 * if this browser's clock still thinks the token is valid.
 */
export function clientFor(session: Session, onEnded: (notice: string) => void) {
  return vpnGraphApollo({
    url: apiUrl(),
    headers: { Authorization: `Bearer ${session.token}` },
    onSessionEnded: (code, reason) => onEnded(endedNotice(code, reason)),
  });
}
