import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { lookup as lookupCb } from 'node:dns';
import { InputError } from '../domain/errors.js';

/**
 * Where webhooks may go: http(s) URLs whose host resolves only to public addresses — never loopback,
 * private, link-local, CGNAT, multicast or unspecified ones — unless WEBHOOK_ALLOW_PRIVATE=true. Checked when
 * an endpoint is saved and again at every connection (`guardedLookup`), so a DNS answer that changes later
 * (rebinding) cannot point a delivery at an internal service.
 */

const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4');
    return BLOCKED.check(address, 'ipv6');
  }
  return true; // not an address: refuse
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
