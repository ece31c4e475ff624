import { z } from 'zod';
import { defineProviderModule, envText } from '../module.js';
import { PurevpnProvider } from './provider.js';
import { TRAITS } from './rules.js';

/** PureVPN reseller v1.0: the full URL form POSTs go to, the API user and its password (md5-hashed by the client). */
export const purevpnModule = defineProviderModule({
  ...TRAITS,
  description: 'Legacy PureVPN reseller API v1.0 (XML).',
  /** Default SYNC_RATE_PUREVPN: no list call, so a refresh reads this many accounts (stalest first) per minute. */
  syncRate: 30,
  env: {
    schema: z.object({ PUREVPN_BASE_URL: envText, PUREVPN_API_USER: envText, PUREVPN_API_PASSWORD: envText }),
    baseUrl: 'PUREVPN_BASE_URL',
    secrets: ['PUREVPN_API_PASSWORD'],
  },
  secretFields: ['api_password', 'new_pass', 'vpn_password'],
  create: (config) => new PurevpnProvider(config),
  sandbox: async () => (await import('./sandbox/index.js')).createSandbox,
});
