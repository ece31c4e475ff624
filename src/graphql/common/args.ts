import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class ConnectionArguments {
  @Field(() => Int, { nullable: true, description: 'Number of items after `after` (default 20, max MAX_PAGE_SIZE).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to page forwards from.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of items before `before` (max MAX_PAGE_SIZE).' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to page backwards from.' })
  before?: string | null;
}
