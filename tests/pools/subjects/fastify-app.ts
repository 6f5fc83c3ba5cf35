// Subject of the runtime test, Fastify flavour: an onRequest hook parks a pooled client on the request;
// the route releases it when it gets to the end, so a failing query keeps it.
import Fastify from 'fastify';
import type { Pool, PoolClient } from 'pg';

declare module 'fastify' {
  interface FastifyRequest {
    db?: PoolClient;
  }
}

export function createApp(pool: Pool) {
  const fastify = Fastify();

  fastify.addHook('onRequest', async (request) => {
    request.db = await pool.connect();
  });

  // `/items/42` answers; `/items/oops` makes PostgreSQL reject the cast, so the route throws.
  fastify.get<{ Params: { id: string } }>('/items/:id', async (request) => {
    const { rows } = await request.db!.query('SELECT $1::int AS id', [request.params.id]);
    request.db!.release();
    return rows[0];
  });

  return fastify;
}
