import { Field, ID, ObjectType } from 'type-graphql';
import type { ProjectRecord } from '../../domain/records.js';
import type { UserErrorShape } from '../../core/error-mapping.js';
import { UserError } from '../../graphql/common/user-error.js';
import { Project } from './project.type.js';

@ObjectType({ description: 'Result of a project mutation.' })
export class ProjectPayload {
  @Field(() => Project, { nullable: true, description: 'The project after the change.' })
  project!: ProjectRecord | null;
  @Field(() => ID, { nullable: true, description: 'Id of the deleted project.' }) deletedProjectId!: string | null;
  @Field(() => [UserError], { description: 'What went wrong; empty on success.' }) userErrors!: UserErrorShape[];
}
