import { useEffect, useState } from 'react';

export type Route =
  { page: 'accounts' } | { page: 'account'; id: string } | { page: 'operator'; bulkId: string | null };

/** Hash routes: #/accounts, #/account/<id>, #/operator[/<bulk operation id>]. */
export function parseRoute(hash: string): Route {
  const [, page, id] = hash.replace(/^#/, '').split('/');
  if (page === 'account' && id) return { page: 'account', id: decodeURIComponent(id) };
  if (page === 'operator') return { page: 'operator', bulkId: id ? decodeURIComponent(id) : null };
  return { page: 'accounts' };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'accounts':
      return '#/accounts';
    case 'account':
      return `#/account/${encodeURIComponent(route.id)}`;
    case 'operator':
      return route.bulkId ? `#/operator/${encodeURIComponent(route.bulkId)}` : '#/operator';
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
