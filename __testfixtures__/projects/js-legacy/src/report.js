'use strict';
const { Pool } = require('pg');

const pool = new Pool();

async function dailyReport(day) {
  const client = await pool.connect();
  const res = await client.query('SELECT * FROM orders WHERE day = $1', [day]);
  client.release();
  return res.rows;
}

module.exports = { dailyReport };
