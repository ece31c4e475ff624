import { Field, ObjectType } from 'type-graphql';
import { ErrorCode } from './enums.js';

@ObjectType({ description: "A problem with a mutation's input or with what the provider said about it." })
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description: 'Path to the input field at fault, e.g. ["input", "password"]; null when not about one field.',
  })
  field!: string[] | null;

  @Field({ description: 'Human-readable message, safe to show to an operator.' })
  message!: string;

  @Field(() => ErrorCode, { description: 'Stable machine-readable code.' })
  code!: ErrorCode;
}
