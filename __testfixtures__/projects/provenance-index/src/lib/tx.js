// Runs `work` in a transaction on a client of the pool every caller passes.
export async function inTransaction(pool, work) {
  const client = await pool.connect();
  await client.query('BEGIN');
  const result = await work(client);
  await client.query('COMMIT');
  client.release();
  return result;
}
