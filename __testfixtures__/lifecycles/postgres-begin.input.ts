// postgres.js: a reserved connection driving BEGIN / COMMIT / ROLLBACK by hand is `sql.begin(options, cb)`,
// which takes a connection, begins with those options, commits or rolls back, and gives it back. (Only a
// synchronous callback's array is awaited element by element; the async callback's query result is kept.)
// expect[await-using,try-finally]: reported transaction-unprotected
// expect[auto,await-using]: fixed fixed-adapter
// expect[auto,with-session]: fixed fixed-callback-api
// expect[with-session]: fixed fixed-callback-api
// expect[try-finally]: fixed fixed-try-finally
import postgres from 'postgres';

const sql = postgres('postgres://postgres@127.0.0.1/test', { max: 4 });

export async function placeOrder(customerId: number, total: number): Promise<number> {
  const reserved = await sql.reserve();
  await reserved`BEGIN ISOLATION LEVEL SERIALIZABLE`;
  const rows = await reserved`INSERT INTO orders (customer_id, total) VALUES (${customerId}, ${total}) RETURNING id`;
  await reserved`INSERT INTO audit (order_id) VALUES (${rows[0].id})`;
  await reserved`COMMIT`;
  reserved.release();
  return rows[0].id;
}

export async function cancelOrder(id: number): Promise<void> {
  const reserved = await sql.reserve();
  await reserved`BEGIN`;
  try {
    await reserved`DELETE FROM orders WHERE id = ${id}`;
    await reserved`COMMIT`;
  } catch (err) {
    await reserved`ROLLBACK`;
    throw err;
  } finally {
    reserved.release();
  }
}
