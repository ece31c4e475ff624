/**
 * VPNresellers v4.1 wire types (reference: shared/providers/vpnresellers-v4_1.md), used by the client, the
 * mapper and the emulator. Laravel style: `data`, `links`, `meta`, 422 `errors`.
 */

export interface VrAccountJson {
  id: number;
  username: string;
  status: string;
  wg_ip: string | null;
  wg_private_key: string | null;
  wg_public_key: string | null;
  expired_at: string | null;
  updated: string | null;
  created: string | null;
}
export interface VrCustomerJson {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  user_id: number;
  project_id: number;
}
export interface VrProjectJson {
  id: number;
  name: string;
  description: string;
  user_id: number;
}
export interface VrServerJson {
  id: number;
  name: string;
  ip: string;
  country_code: string;
  city: string;
  capacity: number;
}
export interface VrPortJson {
  id: number;
  protocol: string;
  number: number;
  default: number;
}
export interface VrPage<T> {
  data: T[];
  meta: { current_page: number; last_page: number; per_page: number; total: number };
}

export interface VrConfigFile {
  content: string;
  name: string;
}
export type VrCustomerRef =
  { customer_id: number } | { first_name: string; last_name: string; email: string; project_id: number };
export interface VrCreateAccountBody {
  username: string;
  password: string;
  customer?: VrCustomerRef;
}
export interface VrCustomerBody {
  first_name: string;
  last_name: string;
  email: string;
  project_id: number;
}
export type VrPageQuery = { page: number; per_page: number };
