import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { INHERIT_CACHE_HINT } from '../../graphql/common/freshness.js';
import { Node } from '../../graphql/common/node.js';
import { ProviderName } from '../../graphql/common/enums.js';

@Directive('@key(fields: "id")')
@Directive(INHERIT_CACHE_HINT)
@ObjectType({ implements: Node, description: 'A VPN server or location accounts can connect to.' })
export class Server extends Node {
  @Field(() => ProviderName, { description: 'Provider operating the server.' })
  provider!: ProviderName;

  @Field(() => String, { nullable: true, description: 'Host name (FQDN) when the provider gives one.' })
  hostname!: string | null;

  @Field(() => String, { nullable: true, description: 'IP address when the provider gives one.' })
  ip!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' })
  countryCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Country name.' })
  country!: string | null;

  @Field(() => String, { nullable: true, description: 'City.' })
  city!: string | null;

  @Field(() => Int, { nullable: true, description: 'Current load, 0 (idle) to 100 (full), when reported.' })
  load!: number | null;

  @Field(() => [String], { description: 'Protocols / ports offered (e.g. "udp/1194", "wireguard").' })
  protocols!: string[];
}

@Directive(INHERIT_CACHE_HINT)
@ObjectType({ description: 'A ready-to-use VPN client configuration file.' })
export class ConnectionConfig {
  @Field({ description: 'OPENVPN or WIREGUARD.' })
  kind!: string;

  @Field({ description: 'Suggested file name, e.g. "TH-123.ovpn" or "wg0.conf".' })
  fileName!: string;

  @Field({ description: 'File content. Contains credentials for WireGuard (private key): admin only.' })
  content!: string;
}
