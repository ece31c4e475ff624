import { defineProviderModule, envText } from '../module.js';
import { z } from 'zod';
import { WlvpnProvider } from './provider.js';
import { TRAITS } from './rules.js';

/** WLVPN v2: base URL (the client appends `/v2/...`) and the reseller API key (Basic `api-key:<key>`). */
export const wlvpnModule = defineProviderModule({
  ...TRAITS,
  description: 'WLVPN (White Label VPN) API v2.',
  /** Default SYNC_RATE_WLVPN: a full sync paces its list pages to this many calls per minute. */
  syncRate: 60,
  env: {
    schema: z.object({ WLVPN_BASE_URL: envText, WLVPN_API_KEY: envText }),
    baseUrl: 'WLVPN_BASE_URL',
    secrets: ['WLVPN_API_KEY'],
  },
  secretFields: ['cust_password'],
  create: (config) => new WlvpnProvider(config),
  sandbox: async () => (await import('./sandbox/index.js')).createSandbox,
});
