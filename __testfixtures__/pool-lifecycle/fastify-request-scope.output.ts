// Fastify: an onRequest hook parks a client on the request; the route releases it on its happy path only.
// onResponse (the response was sent) and onRequestAbort (the client went away first) release it instead.
// expect: fixed fixed-request-scope
import Fastify from 'fastify';
import { Pool } from 'pg';

const pool = new Pool();
export const fastify = Fastify();

fastify.addHook('onRequest', async (request) => {
  request.db = await pool.connect();
});

fastify.addHook('onResponse', async (request) => {
  request.db?.release();
});
fastify.addHook('onRequestAbort', async (request) => {
  request.db?.release();
});

fastify.get('/orders', async (request) => {
  const { rows } = await request.db!.query('SELECT * FROM orders');
  return rows;
});
