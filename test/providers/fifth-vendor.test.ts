import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GraphQLEnumType, GraphQLSchema, GraphQLObjectType, GraphQLString, printType } from 'graphql';
import { z } from 'zod';
import { configSchemaFor, type Env } from '../../src/config/config.js';
import { ConfigError } from '../../src/lib/config-error.js';
import { providerValuesConfig } from '../../src/graphql/common/enums.js';
import { envText, moduleVariables, syncRateVariable, type AnyProviderModule } from '../../src/providers/module.js';
import { isProviderName } from '../../src/domain/provider.js';
import {
  PROVIDER_MODULES,
  PROVIDER_ORDER,
  ProviderName,
  providerOrder,
  providerValues,
} from '../../src/providers/modules.js';
import { providerPlans } from '../../src/providers/registry.js';
import { wlvpnModule } from '../../src/providers/wlvpn/index.js';
import { syncRate } from '../../src/modules/sync/sync.service.js';

/**
 * "A new vendor is its folder plus one line in src/providers/modules.ts." A made-up fifth module, appended to the
 * real list the way its line would append it, must reach every list derived from the modules (names, order, the
 * GraphQL enum and its descriptions, its variables and SYNC_RATE_<NAME>, the registry's plans, the sync rate the
 * sync service reads) with no other edit; and no file outside a vendor's folder may name a vendor in code. Nothing
 * global is changed: the lists are built from `[...PROVIDER_MODULES, fifth]`, never by registering the fifth.
 */

const FIFTH = 'FIFTHVPN';
const fifth = {
  ...wlvpnModule,
  name: FIFTH,
  description: 'Fifth VPN API v1 (made up for this test).',
  syncRate: 45,
  env: {
    schema: z.object({ FIFTHVPN_BASE_URL: envText, FIFTHVPN_API_KEY: envText }),
    baseUrl: 'FIFTHVPN_BASE_URL',
    secrets: ['FIFTHVPN_API_KEY'],
  },
  // A name the ProviderName type does not know: a real vendor's name.ts would declare it; the test has no folder.
} as unknown as AnyProviderModule;
const withFifth: readonly AnyProviderModule[] = [...PROVIDER_MODULES, fifth];
const REAL = ['PUREWL', 'VPNRESELLERS', 'WLVPN', 'PUREVPN'];

describe('a fifth vendor is its folder plus one line in providers/modules.ts', () => {
  it('the real list: four vendors in the GraphQL order, as names and as values', () => {
    expect(PROVIDER_ORDER).toEqual(REAL);
    expect(Object.values(ProviderName)).toEqual(REAL);
    expect(ProviderName.WLVPN).toBe('WLVPN');
    expect(REAL.every((n) => isProviderName(n))).toBe(true);
  });

  it('names, order and enum values include it, last', () => {
    expect(providerOrder(withFifth)).toEqual([...REAL, FIFTH]);
    expect(Object.entries(providerValues(withFifth))).toEqual([...REAL, FIFTH].map((n) => [n, n]));
  });

  it('the GraphQL Provider enum gets the value, after the others, with its module description', () => {
    const config = providerValuesConfig(withFifth) as Record<string, { description: string }>;
    const values = Object.fromEntries(Object.entries(config).map(([name, c]) => [name, { ...c, value: name }]));
    const Provider = new GraphQLEnumType({ name: 'Provider', values });
    new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { p: { type: Provider }, s: { type: GraphQLString } } }),
    });
    expect(Provider.getValues().map((v) => v.name)).toEqual([...REAL, FIFTH]);
    expect(printType(Provider)).toContain('"""Fifth VPN API v1 (made up for this test)."""\n  FIFTHVPN');
    expect(config.WLVPN?.description).toBe(wlvpnModule.description);
  });

  it('the configuration schema reads its variables and SYNC_RATE_FIFTHVPN (default from its module)', () => {
    expect(moduleVariables(fifth)).toEqual(['FIFTHVPN_BASE_URL', 'FIFTHVPN_API_KEY']);
    expect(syncRateVariable(FIFTH)).toBe('SYNC_RATE_FIFTHVPN');
    const schema = configSchemaFor(withFifth);
    const defaults = schema.parse({}) as Record<string, unknown>;
    expect(defaults.SYNC_RATE_FIFTHVPN).toBe(45);
    expect(defaults.SYNC_RATE_WLVPN).toBe(60);
    const set = schema.parse({ SYNC_RATE_FIFTHVPN: '7', FIFTHVPN_BASE_URL: ' https://fifth.example ' }) as Record<
      string,
      unknown
    >;
    expect(set).toMatchObject({ SYNC_RATE_FIFTHVPN: 7, FIFTHVPN_BASE_URL: 'https://fifth.example' });
    expect(schema.safeParse({ SYNC_RATE_FIFTHVPN: '-1' }).success).toBe(false);
    // The sync service reads the rate by the vendor's name, with no table to extend.
    expect(syncRate(set as unknown as Env, FIFTH as unknown as ProviderName)).toBe(7);
  });

  it('the registry plans it: sandbox when unset, a start-up error naming what is missing when partly set', () => {
    const plans = providerPlans({}, withFifth);
    expect(plans.map((p) => [p.module.name, p.sandbox])).toEqual([...REAL, FIFTH].map((n) => [n, true]));
    expect(() => providerPlans({ FIFTHVPN_BASE_URL: 'https://fifth.example' }, withFifth)).toThrow(ConfigError);
    expect(() => providerPlans({ FIFTHVPN_BASE_URL: 'https://fifth.example' }, withFifth)).toThrow(
      /FIFTHVPN is partly configured: set FIFTHVPN_API_KEY/,
    );
  });

  it('changes nothing global: the real lists still hold four vendors', () => {
    expect(PROVIDER_ORDER).toEqual(REAL);
    expect(Object.keys(ProviderName)).toEqual(REAL);
    expect(isProviderName(FIFTH)).toBe(false);
  });
});

/** Files under src/, with comments removed (doc comments may name vendors; code may not). */
function codeOf(dir: string): Array<[string, string]> {
  return readdirSync(dir).flatMap((name): Array<[string, string]> => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return codeOf(path);
    if (!name.endsWith('.ts')) return [];
    const code = readFileSync(path, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
    return [[relative('src', path), code]];
  });
}

describe('no vendor list outside the vendor folders', () => {
  it('no file of src/ outside src/providers/<vendor>/ names a vendor in code', () => {
    const vendorFolders = PROVIDER_MODULES.map((m) => `providers/${m.name.toLowerCase()}/`);
    const names = REAL.join('|');
    const naming = new RegExp(
      [
        `['"\`](${names})['"\`]`, // a string literal
        `ProviderName\\.(${names})\\b`, // an enum-like member
        `\\b(${names})_[A-Z]`, // a variable name (WLVPN_API_KEY, …)
        `SYNC_RATE_(${names})\\b`,
        `^\\s*(${names})\\s*[:=]`, // an object key or an enum member
      ].join('|'),
      'm',
    );
    const offenders = codeOf('src')
      .filter(([file]) => !vendorFolders.some((folder) => file.startsWith(folder)))
      .filter(([, code]) => naming.test(code))
      .map(([file, code]) => `${file}: ${naming.exec(code)?.[0]}`);
    expect(offenders).toEqual([]);
    // The pattern has teeth: what the old lists looked like is caught, a description naming a vendor is not.
    for (const line of [
      '[ProviderName.WLVPN]: 1',
      '  SYNC_RATE_PUREWL: int(30, 0),',
      "  PUREVPN = 'PUREVPN',",
      "x('WLVPN')",
    ]) {
      expect(naming.test(line)).toBe(true);
    }
    expect(naming.test("description: 'Close the account (WLVPN).'")).toBe(false);
  });

  it('each vendor folder is named after its module (the scan above relies on it)', () => {
    for (const m of PROVIDER_MODULES) {
      expect(statSync(join('src/providers', m.name.toLowerCase(), 'index.ts')).isFile()).toBe(true);
    }
  });
});
