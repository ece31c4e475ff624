import type { RequestScope } from '../lib/request-context.js';
import { UpstreamHttp } from './http.js';
import type { VpnProvider } from './port.js';

/**
 * A provider for one request (or one unit of background work): the same object — its clients, token cache,
 * breaker, connections — seen through a view whose HTTP layer is `UpstreamHttp.scoped(scope)`, so every vendor
 * call it makes is counted against the scope's budget and carries its request id, with no async context.
 *
 * The view is a Proxy: reading a property that holds the HTTP layer answers the scoped layer, reading one that
 * holds an object with an `http` of its own (a vendor client) answers a view of it, anything else is the
 * provider's own. Methods run with the view as `this`, so they reach the scoped layer; writes land on the
 * provider itself (the PureWL token stays shared).
 */
export function scopedProvider(provider: VpnProvider, scope: RequestScope): VpnProvider {
  return view(provider, scope, new Map());
}

function view<T extends object>(target: T, scope: RequestScope, https: Map<UpstreamHttp, UpstreamHttp>): T {
  const clients = new Map<object, object>();
  return new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver);
      if (value instanceof UpstreamHttp) {
        let scoped = https.get(value);
        if (!scoped) https.set(value, (scoped = value.scoped(scope)));
        return scoped;
      }
      if (typeof value === 'object' && value !== null && holdsHttp(value)) {
        let client = clients.get(value);
        if (!client) clients.set(value, (client = view(value, scope, https)));
        return client;
      }
      return value;
    },
  });
}

function holdsHttp(value: object): boolean {
  return (value as { http?: unknown }).http instanceof UpstreamHttp;
}
