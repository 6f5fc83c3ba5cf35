const pool = require('../db/pool');
const { connect, run, exec, send } = require('../db');

async function listOrders() {
  const conn = await connect(pool);
  return await run(conn, 'SELECT * FROM orders');
}

async function countOrders() {
  const conn = await connect(pool);
  return await exec(conn, 'SELECT COUNT(*) FROM orders');
}

async function archive() {
  const conn = await connect(pool);
  return await send(conn, 'DELETE FROM orders WHERE old');
}

module.exports = { listOrders, countOrders, archive, send };
