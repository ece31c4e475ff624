import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType({
  description: 'An object with a globally unique, opaque id (Relay). Fetch any of them with `node(id)`.',
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id.' })
  id!: string;
}
