import { Field, ID, ObjectType } from 'type-graphql';
import type { CustomerRecord } from '../../domain/records.js';
import type { UserErrorShape } from '../../core/error-mapping.js';
import { UserError } from '../../graphql/common/user-error.js';
import { Customer } from './customer.type.js';

@ObjectType({ description: 'Result of a customer mutation.' })
export class CustomerPayload {
  @Field(() => Customer, { nullable: true, description: 'The customer after the change.' })
  customer!: CustomerRecord | null;
  @Field(() => ID, { nullable: true, description: 'Id of the deleted customer.' }) deletedCustomerId!: string | null;
  @Field(() => [UserError], { description: 'What went wrong; empty on success.' }) userErrors!: UserErrorShape[];
}
