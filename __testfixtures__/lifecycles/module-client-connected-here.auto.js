// A module's client, connected, queried and ended inside one async IIFE with no try: a failing query
// leaves it open. The lifecycle starts at the connect: the release goes in a finally after it.
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[await-using]: reported using-unsupported
// expect[with-session]: reported connected-here
const { Client } = require('pg');

const client = new Client({ connectionString: process.env.DATABASE_URL });

(async () => {
  await client.connect();

  try {
    const res = await client.query('SELECT name FROM hostels');
    console.log('hostels:', res.rows.length);
  } finally {
    await client.end();
  }
})();
