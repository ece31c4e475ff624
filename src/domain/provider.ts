/** The four white-label VPN reseller APIs this graph speaks to. */
export enum ProviderName {
  PUREWL = 'PUREWL',
  VPNRESELLERS = 'VPNRESELLERS',
  WLVPN = 'WLVPN',
  PUREVPN = 'PUREVPN',
}

/** Fixed order used wherever results span providers (the cross-provider connection, listings). */
export const PROVIDER_ORDER: readonly ProviderName[] = [
  ProviderName.PUREWL,
  ProviderName.VPNRESELLERS,
  ProviderName.WLVPN,
  ProviderName.PUREVPN,
];

export function isProviderName(value: string): value is ProviderName {
  return (Object.values(ProviderName) as string[]).includes(value);
}
