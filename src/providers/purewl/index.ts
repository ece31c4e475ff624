import { ProviderName } from '../../domain/provider.js';
import type { ProviderModule } from '../module.js';
import { PUREWL_SANDBOX_SECRET, PurewlEmulator } from './emulator.js';
import { PurewlProvider } from './provider.js';

export const purewlModule: ProviderModule = {
  name: ProviderName.PUREWL,
  env: { baseUrl: 'PUREWL_BASE_URL', credentials: ['PUREWL_SECRET_KEY'] },
  createSandbox(options) {
    return {
      handle: new PurewlEmulator(options),
      credentials: { PUREWL_SECRET_KEY: PUREWL_SANDBOX_SECRET },
      baseUrlFor: (url) => url,
    };
  },
  createProvider: (config) => new PurewlProvider(config),
};
