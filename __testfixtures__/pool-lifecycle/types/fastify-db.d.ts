// The Fastify fixture parks a pg client on the request.
import type { PoolClient } from 'pg';

declare module 'fastify' {
  interface FastifyRequest {
    db?: PoolClient;
  }
}
