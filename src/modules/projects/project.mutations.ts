import { Arg, Authorized, Ctx, Mutation, Resolver, Directive } from 'type-graphql';
import { COST, cost, INTERNAL } from '../../graphql/common/cost.js';
import { withUserErrors } from '../../graphql/common/errors.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { ProjectInput, ProjectRefInput, UpdateProjectInput } from './project.inputs.js';
import { ProjectPayload } from './project.payloads.js';

const FAILED: Omit<ProjectPayload, 'userErrors'> = { project: null, deletedProjectId: null };

/** Project mutations: the project service picks the provider, checks, writes and journals. */
@Resolver()
export class ProjectMutationResolver {
  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Directive(INTERNAL)
  @Mutation(() => ProjectPayload, { description: 'Create a VPNresellers project.' })
  createProject(
    @Arg('input', () => ProjectInput, { description: 'Mutation input.' }) input: ProjectInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ProjectPayload> {
    return withUserErrors(FAILED, async () => ({
      project: await ctx.services.projects.create(
        { name: input.name, description: input.description },
        null,
        input.idempotencyKey ?? null,
      ),
      deletedProjectId: null,
    }));
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Directive(INTERNAL)
  @Mutation(() => ProjectPayload, { description: 'Change a project.' })
  updateProject(
    @Arg('input', () => UpdateProjectInput, { description: 'Mutation input.' }) input: UpdateProjectInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ProjectPayload> {
    return withUserErrors(FAILED, async () => ({
      project: await ctx.services.projects.update(
        input.projectId,
        {
          name: input.name,
          description: input.description,
        },
        input.idempotencyKey ?? null,
      ),
      deletedProjectId: null,
    }));
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Directive(INTERNAL)
  @Mutation(() => ProjectPayload, { description: 'Delete a project (refused while it has customers).' })
  deleteProject(
    @Arg('input', () => ProjectRefInput, { description: 'Mutation input.' }) input: ProjectRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ProjectPayload> {
    return withUserErrors(FAILED, async () => ({
      project: null,
      deletedProjectId: await ctx.services.projects.remove(input.projectId, input.idempotencyKey ?? null),
    }));
  }
}
