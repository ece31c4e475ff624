import { ProviderName } from '../../domain/provider.js';
import type { ProviderModule } from '../module.js';
import { WLVPN_SANDBOX_KEY, WlvpnEmulator } from './emulator.js';
import { WlvpnProvider } from './provider.js';

export const wlvpnModule: ProviderModule = {
  name: ProviderName.WLVPN,
  env: { baseUrl: 'WLVPN_BASE_URL', credentials: ['WLVPN_API_KEY'] },
  createSandbox(options) {
    return {
      handle: new WlvpnEmulator(options),
      credentials: { WLVPN_API_KEY: WLVPN_SANDBOX_KEY },
      baseUrlFor: (url) => url,
    };
  },
  createProvider: (config) => new WlvpnProvider(config),
};
