import { Directive, Field, ObjectType } from 'type-graphql';
import { INHERIT_CACHE_HINT } from '../../graphql/common/freshness.js';
import { Node } from '../../graphql/common/node.js';
import { ProviderName } from '../../graphql/common/enums.js';
import { connectionTypes } from '../../graphql/common/page.js';
import { ProviderFailure } from '../../graphql/common/failure.js';

@Directive('@key(fields: "id")')
@Directive(INHERIT_CACHE_HINT)
@ObjectType({
  implements: Node,
  description:
    'An end customer of the reseller: a VPNresellers customer, or a customer kept by this API (provider null) ' +
    'that links accounts of any provider (its id is also the PureWL uuid).',
})
export class Customer extends Node {
  @Field(() => ProviderName, {
    nullable: true,
    description: 'Provider holding the customer; null when kept by this API.',
  })
  provider!: ProviderName | null;

  @Field(() => String, { nullable: true, description: 'First name.' })
  firstName!: string | null;

  @Field(() => String, { nullable: true, description: 'Last name.' })
  lastName!: string | null;

  @Field(() => String, { nullable: true, description: 'Email address.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: "Reseller's own reference for the customer." })
  externalRef!: string | null;
}

const customer = connectionTypes(Customer, 'Customer', 'A page of customers.');
@Directive(INHERIT_CACHE_HINT)
@ObjectType({ description: 'A page of customers.' })
export class CustomerConnection extends customer.Connection {
  @Field(() => [ProviderFailure], {
    description: 'Providers that could not contribute to this page (read from the store as old as it is, or missing).',
  })
  failures!: ProviderFailure[];
}
