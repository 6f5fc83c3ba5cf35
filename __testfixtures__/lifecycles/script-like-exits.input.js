// A script that ends the process itself once the work is done: everything it opened goes with it.
const { Client } = require('pg');

const client = new Client();

async function main() {
  await client.connect();
  const { rows } = await client.query('SELECT now()');
  console.log(rows[0]);
}

main().then(() => process.exit(0));
