import { z } from 'zod';
import { defineProviderModule, envText } from '../module.js';
import { PurewlProvider } from './provider.js';
import { TRAITS } from './rules.js';

/** PureWL VAM: scheme+host (the client appends `/auth/v1/accessToken`, `/vam/v2/...`) and the reseller secret key. */
export const purewlModule = defineProviderModule({
  ...TRAITS,
  description: 'PureWL (PureVPN White Label), VPN Account Management API v2.',
  /** Default SYNC_RATE_PUREWL: no list call, so a refresh reads this many accounts (stalest first) per minute. */
  syncRate: 30,
  env: {
    schema: z.object({ PUREWL_BASE_URL: envText, PUREWL_SECRET_KEY: envText }),
    baseUrl: 'PUREWL_BASE_URL',
    secrets: ['PUREWL_SECRET_KEY'],
  },
  secretFields: ['secretKey', 'accessToken', 'x-accesstoken', 'vpnPassword', 'newPassword', 'confirmNewPassword'],
  create: (config) => new PurewlProvider(config),
  sandbox: async () => (await import('./sandbox/index.js')).createSandbox,
});
