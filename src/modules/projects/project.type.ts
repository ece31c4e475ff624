import { Directive, Field, ObjectType } from 'type-graphql';
import { INHERIT_CACHE_HINT } from '../../graphql/common/freshness.js';
import { Node } from '../../graphql/common/node.js';
import { ProviderName } from '../../graphql/common/enums.js';
import { connectionTypes } from '../../graphql/common/page.js';
import { ProviderFailure } from '../../graphql/common/failure.js';

@Directive('@key(fields: "id")')
@Directive(INHERIT_CACHE_HINT)
@ObjectType({ implements: Node, description: 'A VPNresellers project grouping customers.' })
export class Project extends Node {
  @Field(() => ProviderName, { description: 'Provider holding the project.' })
  provider!: ProviderName;

  @Field({ description: 'Project name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Project description.' })
  description!: string | null;
}

const project = connectionTypes(Project, 'Project', 'A page of projects.');
@Directive(INHERIT_CACHE_HINT)
@ObjectType({ description: 'A page of projects.' })
export class ProjectConnection extends project.Connection {
  @Field(() => [ProviderFailure], {
    description: 'Providers that could not contribute to this page (read from the store as old as it is, or missing).',
  })
  failures!: ProviderFailure[];
}
