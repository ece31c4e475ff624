/** Mutation resolvers (lifecycle, customers, projects). */
export const MUTATION_RESOLVERS: Function[] = []; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
