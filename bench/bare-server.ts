import Fastify from 'fastify';
import { ApolloServer } from '@apollo/server';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';

/**
 * A bare @apollo/server on the same HTTP stack as vpn-graph (Fastify 5 + @as-integrations/fastify), answering
 * the same trivial query: the throughput reference the benchmark compares against in the same run.
 */
const fastify = Fastify({ logger: false });
const apollo = new ApolloServer({
  typeDefs: 'type Query { ok: Boolean }',
  resolvers: { Query: { ok: () => true } },
  plugins: [fastifyApolloDrainPlugin(fastify)],
});
await apollo.start();
fastify.route({ method: ['GET', 'POST'], url: '/graphql', handler: fastifyApolloHandler(apollo) });
await fastify.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = fastify.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ msg: 'bare ready', url: `http://127.0.0.1:${port}/graphql` })}\n`);
process.on('SIGTERM', () => {
  void apollo.stop().then(() => process.exit(0));
});
