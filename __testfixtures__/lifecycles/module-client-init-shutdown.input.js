// A module's client connected by init() and ended by shutdown(): the module keeps it between the two, as
// a pool; no per-call lifecycle, nothing to report.
const { Client } = require('pg');

const client = new Client();

async function init() {
  await client.connect();
}

async function shutdown() {
  await client.end();
}

async function teams() {
  const { rows } = await client.query('SELECT * FROM teams');
  return rows;
}

module.exports = { init, shutdown, teams };
