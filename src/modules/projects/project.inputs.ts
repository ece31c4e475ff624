import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Create or change a VPNresellers project.' })
export class ProjectInput {
  @Field({ description: 'Project name.' }) name!: string;
  @Field({ description: 'Project description.' }) description!: string;
  @Field(() => String, {
    nullable: true,
    description:
      "Makes the write exactly-once: a retry with the same key replays the first outcome (24 h, in the caller's tenant's namespace); the same key with other input is a CONFLICT.",
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Change a project.' })
export class UpdateProjectInput extends ProjectInput {
  @Field(() => ID, { description: 'Project id.' }) projectId!: string;
}

@InputType({ description: 'Identifies a project.' })
export class ProjectRefInput {
  @Field(() => ID, { description: 'Project id.' }) projectId!: string;
  @Field(() => String, {
    nullable: true,
    description:
      "Makes the write exactly-once: a retry with the same key replays the first outcome (24 h, in the caller's tenant's namespace); the same key with other input is a CONFLICT.",
  })
  idempotencyKey?: string | null;
}
