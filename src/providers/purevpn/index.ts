import { ProviderName } from '../../domain/provider.js';
import type { ProviderModule } from '../module.js';
import { PUREVPN_PATH, PUREVPN_SANDBOX_PASSWORD, PUREVPN_SANDBOX_USER, PurevpnEmulator } from './emulator.js';
import { PurevpnProvider } from './provider.js';

export const purevpnModule: ProviderModule = {
  name: ProviderName.PUREVPN,
  env: { baseUrl: 'PUREVPN_BASE_URL', credentials: ['PUREVPN_API_USER', 'PUREVPN_API_PASSWORD'] },
  createSandbox(options) {
    return {
      handle: new PurevpnEmulator(options),
      credentials: { PUREVPN_API_USER: PUREVPN_SANDBOX_USER, PUREVPN_API_PASSWORD: PUREVPN_SANDBOX_PASSWORD },
      baseUrlFor: (url) => `${url}${PUREVPN_PATH}`,
    };
  },
  createProvider: (config) => new PurevpnProvider(config),
};
