import { Field, ID, Int, ObjectType, registerEnumType, Directive } from 'type-graphql';
import { INTERNAL } from '../../graphql/common/cost.js';
import { Node } from '../../graphql/common/node.js';
import { DateTime } from '../../graphql/common/scalars.js';
import { connectionTypes } from '../../graphql/common/page.js';
import { AccountOperation } from '../../graphql/common/enums.js';

export enum ApiKeyRole {
  READER = 'reader',
  OPERATOR = 'operator',
  ADMIN = 'admin',
  CUSTOMER = 'customer',
  RESELLER = 'reseller',
}

registerEnumType(ApiKeyRole, {
  name: 'ApiKeyRole',
  description: 'What an API key may do: a global role, or a scoped one (customer portal, sub-reseller).',
  valuesConfig: {
    READER: { description: 'Reads everything.' },
    OPERATOR: { description: 'Reads everything and runs account mutations.' },
    ADMIN: { description: 'Everything, including webhooks and API keys.' },
    CUSTOMER: { description: "One end customer's accounts (its portal); needs a scope naming that customer." },
    RESELLER: { description: 'A sub-reseller: the accounts of the customers and/or projects its scope names.' },
  },
});

@ObjectType({ description: 'What a scoped key reaches (the same claims a scoped JWT carries).' })
export class ApiKeyScope {
  @Field(() => [ID], { description: 'Customer ids (a CUSTOMER key: exactly one).' }) customerIds!: string[];
  @Field(() => [ID], { description: 'Project ids (RESELLER keys only).' }) projectIds!: string[];
  @Field(() => [AccountOperation], {
    description: 'Account operations it may run (the defaults applied when none were named).',
  })
  ops!: AccountOperation[];
  @Field(() => Int, { nullable: true, description: 'Accounts a sub-reseller may have open; null: no quota.' })
  quota!: number | null;
}

@Directive(INTERNAL)
@ObjectType({
  implements: Node,
  description: 'An API key kept in the store (only its hash; the secret is never shown again).',
})
export class ApiKey extends Node {
  @Field({ description: 'Unique name; the key acts as `key:<name>` (journal, quota).' }) name!: string;
  @Field(() => ApiKeyRole, { description: 'Role.' }) role!: ApiKeyRole;
  @Field(() => ApiKeyScope, {
    nullable: true,
    description:
      'Scope of a CUSTOMER / RESELLER key; null for a global role (or a stored scope that no longer parses: such a key is refused).',
  })
  scope!: ApiKeyScope | null;
  @Field(() => DateTime, { description: 'Created.' }) createdAt!: string;
  @Field(() => DateTime, { nullable: true, description: 'Revoked (refused from then on); null while active.' })
  revokedAt!: string | null;
  @Field(() => DateTime, {
    nullable: true,
    description: 'Last request made with it, to within a minute; null when never used.',
  })
  lastUsedAt!: string | null;
}

export const ApiKeyConnection = connectionTypes(ApiKey, 'ApiKey', 'A page of API keys, oldest first.').Connection;
