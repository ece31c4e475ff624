import { z } from 'zod';
import { defineProviderModule, envText } from '../module.js';
import { VpnresellersProvider } from './provider.js';
import { TRAITS } from './rules.js';

/** VPNresellers v4.1: base URL (the client appends `/v4_1/...`) and the reseller's bearer token. */
export const vpnresellersModule = defineProviderModule({
  ...TRAITS,
  description: 'VPNresellers API v4.1.',
  /** Default SYNC_RATE_VPNRESELLERS: a full sync paces its list pages to this many calls per minute. */
  syncRate: 60,
  env: {
    schema: z.object({ VPNRESELLERS_BASE_URL: envText, VPNRESELLERS_API_TOKEN: envText }),
    baseUrl: 'VPNRESELLERS_BASE_URL',
    secrets: ['VPNRESELLERS_API_TOKEN'],
  },
  secretFields: ['wg_private_key'],
  create: (config) => new VpnresellersProvider(config),
  sandbox: async () => (await import('./sandbox/index.js')).createSandbox,
});
