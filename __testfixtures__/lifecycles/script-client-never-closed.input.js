// expect: reported never-released
// A one-shot script: the module's client is connected by main(), which the top level calls, and nothing in
// the file ever ends it. Nothing else can reach it (the file exports nothing, starts no server or listener),
// so it stays open after the work is done and the process does not exit.
const { Client } = require('pg');

const client = new Client({ connectionString: process.env.DATABASE_URL });

async function main() {
  await client.connect();
  const { rows } = await client.query('SELECT id, name FROM teams ORDER BY id');
  for (const row of rows) console.log(row.id, row.name);
}

main().catch((err) => console.error(err));
