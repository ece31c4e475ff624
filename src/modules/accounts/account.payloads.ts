import { Field, ID, ObjectType } from 'type-graphql';
import type { AccountRecord } from '../../domain/records.js';
import type { AccountPayloadShape } from '../lifecycle/index.js';
import type { UserErrorShape } from '../../core/error-mapping.js';
import { UserError } from '../../graphql/common/user-error.js';
import { Account } from './account.type.js';

@ObjectType({ description: 'Result of an account mutation.' })
export class AccountPayload {
  @Field(() => Account, { nullable: true, description: 'The account after the change (null on failure or deletion).' })
  account!: AccountRecord | null;
  @Field(() => [UserError], { description: 'What went wrong; empty on success.' })
  userErrors!: UserErrorShape[];
  @Field({ description: 'True when this is the stored outcome of an earlier request with the same idempotency key.' })
  replayed!: boolean;
  @Field(() => ID, {
    nullable: true,
    description: 'Id of the account deleted at the provider, when the mutation deleted it.',
  })
  deletedAccountId!: string | null;
}

@ObjectType({ description: 'Result of a mutation that sets a VPN password.' })
export class AccountWithPasswordPayload extends AccountPayload {
  @Field(() => String, {
    nullable: true,
    description: 'The VPN password, shown this once and never stored (null on replay or failure).',
  })
  password!: string | null;
}

export function accountPayload(p: AccountPayloadShape): AccountPayload {
  return {
    account: p.account,
    userErrors: p.userErrors,
    replayed: p.replayed ?? false,
    deletedAccountId: p.deletedAccountId ?? null,
  };
}
export function withPassword(p: AccountPayloadShape): AccountWithPasswordPayload {
  return { ...accountPayload(p), password: p.password ?? null };
}
