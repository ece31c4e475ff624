import { isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { lookup as lookupCb } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { InputError } from '../../domain/errors.js';

/**
 * Where webhooks may go: http(s) URLs whose host resolves only to public unicast addresses, unless
 * WEBHOOK_ALLOW_PRIVATE=true. Checked when an endpoint is saved and again at every connection
 * (`guardedLookup`), so a DNS answer that changes later (rebinding) cannot point a delivery at an internal
 * service.
 *
 * Addresses are classified by ipaddr.js's range tables, not by a hand-written prefix list: only its `unicast`
 * class passes (IPv6: inside global unicast 2000::/3 too, which also refuses the deprecated IPv4-compatible
 * `::a.b.c.d`, e.g. `[::127.0.0.1]`). IPv6 forms that carry an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`
 * and NAT64 `64:ff9b::/96`) are judged by the IPv4 address inside them; the other transition forms (6to4,
 * Teredo, local-use NAT64 64:ff9b:1::/48, SIIT) are refused outright.
 */

/** Why an address is refused (`null`: public unicast, allowed). For tests and messages. */
export function addressClass(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'invalid';
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') {
    const range = parsed.range();
    return range === 'unicast' ? null : range;
  }
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  if (range === 'ipv4Mapped') return embedded('ipv4Mapped', v6);
  if (range === 'rfc6052') return v6.match(NAT64_WELL_KNOWN) ? embedded('rfc6052', v6) : 'rfc6052';
  if (range !== 'unicast') return range;
  return v6.match(GLOBAL_UNICAST) ? null : 'notGlobalUnicast';
}

const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/** The IPv4 address in the low 32 bits of an IPv6 one, classified; `<form>:<v4 class>` when refused. */
function embedded(form: string, v6: ipaddr.IPv6): string | null {
  const bytes = v6.toByteArray().slice(12);
  const v4 = ipaddr.IPv4.parse(bytes.join('.'));
  const range = v4.range();
  return range === 'unicast' ? null : `${form}:${range}`;
}

/** True for anything but a public unicast address (not an address at all: true, refused). */
export function isPrivateAddress(address: string): boolean {
  return addressClass(address) !== null;
}

/** Validates a webhook URL (shape and, unless allowed, where its host resolves). Throws InputError at `field`. */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean, field = 'url'): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(field, '`url` is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InputError(field, '`url` must be an http:// or https:// URL.');
  if (url.username || url.password) throw new InputError(field, '`url` must not carry credentials.');
  if (raw.length > 2048) throw new InputError(field, '`url` is at most 2048 characters.');
  if (allowPrivate) return url.toString();
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new InputError(field, `The host of \`url\` (${host}) does not resolve.`);
    }
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress))
    throw new InputError(
      field,
      '`url` points at a loopback, private or link-local address; webhooks go to public hosts.',
    );
  return url.toString();
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A dns.lookup for the HTTP client that refuses private answers at connection time (unless allowed). */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean } | number | LookupCallback, callback?: LookupCallback): void => {
    const cb = (typeof options === 'function' ? options : callback)!;
    const all = typeof options === 'object' && options.all === true;
    lookupCb(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) return cb(error, all ? [] : '');
      const bad = !allowPrivate && addresses.some((a) => isPrivateAddress(a.address));
      if (bad || addresses.length === 0) {
        const refused: NodeJS.ErrnoException = new Error(`webhook target ${hostname} resolves to a private address`);
        refused.code = 'EPRIVATE';
        return cb(refused, all ? [] : '');
      }
      if (all) return cb(null, addresses);
      cb(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** The literal-IP case (no lookup happens): refused here when private and not allowed. */
export function literalTargetAllowed(url: string, allowPrivate: boolean): boolean {
  if (allowPrivate) return true;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return !isIP(host) || !isPrivateAddress(host);
}
