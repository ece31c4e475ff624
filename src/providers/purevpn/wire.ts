/**
 * PureVPN reseller API v1.0 wire types: form POSTs to one URL, XML answers `<xml>…<result>1|0</result></xml>`
 * (reference: shared/providers/purevpn-reseller-v1.md). Used by the client, the mapper and the emulator.
 */

/** The `method` form field: one per operation. */
export type PvMethod = 'create' | 'renew' | 'status' | 'delete_account' | 'update_account' | 'change_password';

/** Form fields every call carries (api_password is md5 of the reseller password). */
export interface PvAuthFields {
  API: 'True';
  api_user: string;
  api_password: string;
  method: PvMethod;
}

/** `<status>`: active | disabled | expired. */
export type PvStatus = 'active' | 'disabled' | 'expired';

/** The `<xml>` answer, flattened. */
export interface PvAnswer {
  result: number;
  user?: string;
  vpn_password?: string;
  /** YYYY-MM-DD */
  expiry_status?: string;
  status?: string;
  message?: string;
}
