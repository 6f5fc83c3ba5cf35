// expect: reported never-released
// A one-shot script whose top level assigns its client to a module variable, runs its query and never closes
// it: nothing else can reach the client (the file exports nothing, starts no server), so the process stays
// open after the work is done. Assigned rather than declared, it is still the script's to close.
const { Client } = require('pg');

let client;
client = new Client({ connectionString: process.env.DATABASE_URL });

async function main() {
  await client.connect();
  const { rows } = await client.query('SELECT id, name FROM teams ORDER BY id');
  for (const row of rows) console.log(row.id, row.name);
}

main();
