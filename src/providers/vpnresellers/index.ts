import { ProviderName } from '../../domain/provider.js';
import type { ProviderModule } from '../module.js';
import { VPNRESELLERS_SANDBOX_TOKEN, VpnresellersEmulator } from './emulator.js';
import { VpnresellersProvider } from './provider.js';

export const vpnresellersModule: ProviderModule = {
  name: ProviderName.VPNRESELLERS,
  env: { baseUrl: 'VPNRESELLERS_BASE_URL', credentials: ['VPNRESELLERS_API_TOKEN'] },
  createSandbox(options) {
    return {
      handle: new VpnresellersEmulator(options),
      credentials: { VPNRESELLERS_API_TOKEN: VPNRESELLERS_SANDBOX_TOKEN },
      baseUrlFor: (url) => url,
    };
  },
  createProvider: (config) => new VpnresellersProvider(config),
};
