// A script that hands its client to another package's function: that code may keep it or close it.
const { Client } = require('pg');
const { migrate } = require('postgres-migrations');

const client = new Client();

async function main() {
  await client.connect();
  await migrate({ client }, 'migrations');
}

main();
