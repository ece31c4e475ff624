import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Create or change a VPNresellers project.' })
export class ProjectInput {
  @Field({ description: 'Project name.' }) name!: string;
  @Field({ description: 'Project description.' }) description!: string;
}

@InputType({ description: 'Change a project.' })
export class UpdateProjectInput extends ProjectInput {
  @Field(() => ID, { description: 'Project id.' }) projectId!: string;
}

@InputType({ description: 'Identifies a project.' })
export class ProjectRefInput {
  @Field(() => ID, { description: 'Project id.' }) projectId!: string;
}
