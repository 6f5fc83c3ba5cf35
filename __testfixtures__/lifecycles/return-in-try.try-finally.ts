// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// A route handler: the lifecycle sits in a try block that ends the function, so its returns may stay
// returns (`return await withSession(…)`), with the catch around it as before.
import { Pool } from 'pg';

const pool = new Pool();

export async function GET(id: string): Promise<Response> {
  try {
    const client = await pool.connect();
    try {
      const res = await client.query('SELECT * FROM items WHERE id = $1', [id]);
      if (res.rowCount === 0) return new Response('not found', { status: 404 });
      return Response.json(res.rows[0]);
    } finally {
      client.release();
    }
  } catch (err) {
    return new Response(String(err), { status: 500 });
  }
}
