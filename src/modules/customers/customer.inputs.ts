import { Field, ID, InputType } from 'type-graphql';
import { ProviderName } from '../../graphql/common/enums.js';

@InputType({ description: 'Create a customer.' })
export class CreateCustomerInput {
  @Field(() => ProviderName, {
    nullable: true,
    description: 'VPNRESELLERS to create it there; omit to keep it in this API (links accounts of any provider).',
  })
  provider?: ProviderName | null;
  @Field({ description: 'First name.' }) firstName!: string;
  @Field({ description: 'Last name.' }) lastName!: string;
  @Field({ description: 'Email address.' }) email!: string;
  @Field(() => ID, { nullable: true, description: 'Project id (required for VPNresellers).' }) projectId?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Your own reference for the customer.' }) externalRef?:
    string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "Makes the write exactly-once: a retry with the same key replays the first outcome (24 h, in the caller's tenant's namespace); the same key with other input is a CONFLICT.",
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Change a customer.' })
export class UpdateCustomerInput {
  @Field(() => ID, { description: 'Customer id.' }) customerId!: string;
  @Field(() => String, { nullable: true, description: 'First name.' }) firstName?: string | null;
  @Field(() => String, { nullable: true, description: 'Last name.' }) lastName?: string | null;
  @Field(() => String, { nullable: true, description: 'Email address.' }) email?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "Makes the write exactly-once: a retry with the same key replays the first outcome (24 h, in the caller's tenant's namespace); the same key with other input is a CONFLICT.",
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Identifies a customer.' })
export class CustomerRefInput {
  @Field(() => ID, { description: 'Customer id.' }) customerId!: string;
  @Field(() => String, {
    nullable: true,
    description:
      "Makes the write exactly-once: a retry with the same key replays the first outcome (24 h, in the caller's tenant's namespace); the same key with other input is a CONFLICT.",
  })
  idempotencyKey?: string | null;
}
