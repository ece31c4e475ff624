import { Arg, Authorized, Ctx, Mutation, Resolver, Directive } from 'type-graphql';
import { COST, cost, INTERNAL } from '../../graphql/common/cost.js';
import { withUserErrors } from '../../graphql/common/errors.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { CreateCustomerInput, CustomerRefInput, UpdateCustomerInput } from './customer.inputs.js';
import { CustomerPayload } from './customer.payloads.js';

const FAILED: Omit<CustomerPayload, 'userErrors'> = { customer: null, deletedCustomerId: null };

/** Customer mutations: the customer service checks, writes and journals; failures become userErrors. */
@Resolver()
export class CustomerMutationResolver {
  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Directive(INTERNAL)
  @Mutation(() => CustomerPayload, { description: 'Create a customer at VPNresellers, or keep one in this API.' })
  createCustomer(
    @Arg('input', () => CreateCustomerInput, { description: 'Mutation input.' }) input: CreateCustomerInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CustomerPayload> {
    return withUserErrors(FAILED, async () => ({
      customer: await ctx.services.customers.create(
        {
          provider: input.provider ?? null,
          firstName: input.firstName,
          lastName: input.lastName,
          email: input.email,
          projectId: input.projectId ?? null,
          externalRef: input.externalRef ?? null,
        },
        input.idempotencyKey ?? null,
      ),
      deletedCustomerId: null,
    }));
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Directive(INTERNAL)
  @Mutation(() => CustomerPayload, { description: "Change a customer's name or email." })
  updateCustomer(
    @Arg('input', () => UpdateCustomerInput, { description: 'Mutation input.' }) input: UpdateCustomerInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CustomerPayload> {
    return withUserErrors(FAILED, async () => ({
      customer: await ctx.services.customers.update(
        input.customerId,
        {
          ...(input.firstName != null ? { firstName: input.firstName } : {}),
          ...(input.lastName != null ? { lastName: input.lastName } : {}),
          ...(input.email != null ? { email: input.email } : {}),
        },
        input.idempotencyKey ?? null,
      ),
      deletedCustomerId: null,
    }));
  }

  @Authorized('operator')
  @Directive(cost(COST.VENDOR_WRITE))
  @Directive(INTERNAL)
  @Mutation(() => CustomerPayload, { description: 'Delete a customer (refused while it has accounts).' })
  deleteCustomer(
    @Arg('input', () => CustomerRefInput, { description: 'Mutation input.' }) input: CustomerRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CustomerPayload> {
    return withUserErrors(FAILED, async () => ({
      customer: null,
      deletedCustomerId: await ctx.services.customers.remove(input.customerId, input.idempotencyKey ?? null),
    }));
  }
}
