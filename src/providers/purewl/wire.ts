/**
 * PureWL VAM wire types (reference: shared/providers/purewl-vam-v2.md): every answer is the envelope
 * `{header:{response_code,message},body}`. Used by the client, the mapper and the emulator.
 */

export interface PwHeader {
  response_code: number;
  message: string;
}
export interface PwEnvelope<B> {
  header: PwHeader;
  body: B;
}
/** POST /auth/v1/accessToken */
export interface PwTokenRequest {
  secretKey: string;
  grantType: 'secret';
}
export interface PwTokenBody {
  accessToken?: string;
  /** Lifetime in seconds. */
  expiry?: number;
  resellerId?: number;
}
/** `status` is "Enabled|Disabled|Expired:<Month> <day>, <year>". */
export interface PwStatusBody {
  vpnUsername: string;
  status: string;
}
export type PwSubscriptionType = 'trial' | 'paid' | 'freemium';
export interface PwCreateBody {
  uuid: string;
  period: number;
  vpnUsername?: string;
  vpnPassword?: string;
  preferences?: unknown;
  isDedicated?: boolean;
  dedicatedCountry?: string;
}
export interface PwCreatedBody {
  vpnUsername: string;
  vpnPassword: string;
  /** "<Month> <day>, <year>" */
  expiry: string;
}
export interface PwChangePasswordBody {
  vpnUsername: string;
  newPassword: string;
  confirmNewPassword: string;
}
export interface PwCountry {
  id: number;
  name: string;
  code: string;
  protocols?: string[];
}
export interface PwCity {
  id: number;
  name: string;
  country_code: string;
  country_name?: string;
}
export interface PwProtocol {
  id: number;
  name: string;
}
