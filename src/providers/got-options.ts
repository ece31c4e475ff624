import { createHash } from 'node:crypto';
import { checkServerIdentity } from 'node:tls';
import { Options } from 'got';

/**
 * got 14 builds the options of every Node request in `Options#createNativeRequestOptions` as one object literal
 * that starts with spreads (`{...cacheOptions, ...unixOptions, ALPNProtocols, ca, …}`: 4 keys spread, then 30
 * more). On Node 20 (V8 11.3) a literal that spreads a non-empty object and then adds keys does not reuse its
 * hidden classes: each added key makes a new one, every time. That call alone cost ~40 µs and ~22 KB of garbage
 * per vendor call, more than a bare `http.request` (bench/PROFILE.md, stop 42); Node 24 does not have the fault.
 *
 * `installGotOptionsFix` replaces that method with one that builds the same object (same keys, same values:
 * test/providers/got-options.test.ts compares the two) from a plain literal, then adds the keys the spreads
 * would have given. It is installed only over the exact method it was written against (a hash of its source):
 * another got version keeps its own method, and the test that checks the fix is in place fails.
 */

/** sha256 of got 14.6's `Options.prototype.createNativeRequestOptions.toString()`. */
const GOT_METHOD_SHA256 = 'b9f570eece4d7faeebfb8b84b6e5bf97e2ed57821499631309c998f45a5b442f';

/** The parts of got's internal option state this method reads (got does not export the type). */
interface GotInternals {
  url?: URL;
  http2: boolean;
  agent: { http?: unknown; https?: unknown; http2?: unknown };
  https: {
    alpnProtocols?: unknown;
    certificateAuthority?: unknown;
    certificate?: unknown;
    key?: unknown;
    passphrase?: unknown;
    pfx?: unknown;
    rejectUnauthorized?: unknown;
    checkServerIdentity?: unknown;
    serverName?: unknown;
    ciphers?: unknown;
    honorCipherOrder?: unknown;
    minVersion?: unknown;
    maxVersion?: unknown;
    signatureAlgorithms?: unknown;
    tlsSessionLifetime?: unknown;
    dhparam?: unknown;
    ecdhCurve?: unknown;
    certificateRevocationLists?: unknown;
    secureOptions?: unknown;
  };
  cacheOptions: Record<string, unknown>;
  dnsLookup?: unknown;
  dnsCache?: { lookup?: unknown };
  dnsLookupIpVersion?: unknown;
  setHost?: unknown;
  method?: unknown;
  maxHeaderSize?: unknown;
  localAddress?: unknown;
  headers?: unknown;
  createConnection?: unknown;
  h2session?: unknown;
}

interface GotOptionsState {
  _internals: GotInternals;
  _unixOptions?: Record<string, unknown>;
}

type NativeOptionsMethod = (this: GotOptionsState) => Record<string, unknown>;

// got declares `createNativeRequestOptions` on its class with its own return type; the replacement is typed by
// what it reads (GotOptionsState) and assigned through this view of the prototype.
const proto = Options.prototype as unknown as { createNativeRequestOptions: NativeOptionsMethod };
const original: NativeOptionsMethod = proto.createNativeRequestOptions;

/** The same object as got's method for HTTP/1.1 (HTTP/2 goes to got's own), built without the slow spreads. */
function createNativeRequestOptions(this: GotOptionsState): Record<string, unknown> {
  const internals = this._internals;
  // HTTP/2 (its agent, its timeout option) is left to got's own method: this API's clients never ask for it.
  if (internals.http2) return original.call(this);
  const tls = internals.url?.protocol === 'https:';
  const { https } = internals;
  const out: Record<string, unknown> = {
    ALPNProtocols: https.alpnProtocols,
    ca: https.certificateAuthority,
    cert: https.certificate,
    key: https.key,
    passphrase: https.passphrase,
    pfx: https.pfx,
    rejectUnauthorized: https.rejectUnauthorized,
    checkServerIdentity: https.checkServerIdentity ?? checkServerIdentity,
    servername: https.serverName,
    ciphers: https.ciphers,
    honorCipherOrder: https.honorCipherOrder,
    minVersion: https.minVersion,
    maxVersion: https.maxVersion,
    sigalgs: https.signatureAlgorithms,
    sessionTimeout: https.tlsSessionLifetime,
    dhparam: https.dhparam,
    ecdhCurve: https.ecdhCurve,
    crl: https.certificateRevocationLists,
    secureOptions: https.secureOptions,
    lookup: internals.dnsLookup ?? internals.dnsCache?.lookup,
    family: internals.dnsLookupIpVersion,
    agent: tls ? internals.agent.https : internals.agent.http,
    setHost: internals.setHost,
    method: internals.method,
    maxHeaderSize: internals.maxHeaderSize,
    localAddress: internals.localAddress,
    headers: internals.headers,
    createConnection: internals.createConnection,
    timeout: undefined,
    h2session: internals.h2session,
  };
  // got spreads these first, so its own keys win over theirs: add only the keys not set above.
  for (const spread of [this._unixOptions, internals.cacheOptions]) {
    if (!spread) continue;
    for (const key of Object.keys(spread)) if (!Object.hasOwn(out, key)) out[key] = spread[key];
  }
  return out;
}

/** Whether got's method is the one this replacement was written against (see GOT_METHOD_SHA256). */
export function gotMethodMatches(): boolean {
  return createHash('sha256').update(original.toString()).digest('hex') === GOT_METHOD_SHA256;
}

/** Installs the replacement once, over the known method only. Returns whether it is in place. */
export function installGotOptionsFix(): boolean {
  if (proto.createNativeRequestOptions === createNativeRequestOptions) return true;
  if (!gotMethodMatches()) return false;
  proto.createNativeRequestOptions = createNativeRequestOptions;
  return true;
}

/** For tests: got's own method, to compare against. */
export const gotOwnCreateNativeRequestOptions = original;
