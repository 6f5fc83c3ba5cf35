const pool = require('../db/pool');
const db = require('../db');

async function restock() {
  const conn = await db.connect(pool);
  db.giveBack(conn);
}

async function audit() {
  const conn = await db.connect(pool);
  db.giveBackIfAny(conn);
}

async function count() {
  const conn = await db.connect(pool);
  return await db.runAndRelease(conn, 'SELECT COUNT(*) FROM stock');
}

module.exports = { restock, audit, count };
