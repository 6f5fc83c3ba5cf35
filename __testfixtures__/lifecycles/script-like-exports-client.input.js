// A module that connects its client at load and exports it: other modules use it for the process.
const { Client } = require('pg');

const client = new Client();

async function main() {
  await client.connect();
  await client.query('SET search_path TO app');
}

main();
module.exports = { client };
